using Grpc.Core;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineAgent.Agent.Tests.Grpc;

public sealed class EventStreamTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<List<Event>> ReadAsync(AsyncServerStreamingCall<StreamEventsResponse> call, int count)
    {
        var events = new List<Event>();
        using var guard = new CancellationTokenSource(HangGuard);
        while (events.Count < count && await call.ResponseStream.MoveNext(guard.Token))
        {
            if (call.ResponseStream.Current.ItemCase == StreamEventsResponse.ItemOneofCase.Event)
                events.Add(call.ResponseStream.Current.Event);
        }
        return events;
    }

    private static StreamEventsRequest After(long cursor) => new() { AfterCursor = cursor };

    [Fact]
    public async Task StreamEvents_ReplaysThenFollowsLiveAppends_InCursorOrder()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.AppendReceived(1, 5);

        using var cts = new CancellationTokenSource();
        using var call = server.Client.StreamEvents(After(0), cancellationToken: cts.Token);
        var replayed = await ReadAsync(call, 5);
        server.Journal.AppendReceived(6, 8);
        var live = await ReadAsync(call, 3);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], replayed.Concat(live).Select(e => e.Cursor));
        Assert.Equal("MSG-000006:received", live[0].Id);
        Assert.Equal("message.received", live[0].Type);
        Assert.Equal("MSG-000006", live[0].MessageGuid);
        Assert.Equal("hello 6", live[0].Message.Text);
        Assert.Equal(6, live[0].Message.Rowid);
        cts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_ResumedAfterAgentRestart_HasNoGapAndNoDuplicate()
    {
        List<Event> firstRun;
        await using (var first = await AgentTestServer.StartAsync(_dir))
        {
            first.Journal.AppendReceived(1, 10);
            using var cts = new CancellationTokenSource();
            using var call = first.Client.StreamEvents(After(0), cancellationToken: cts.Token);
            firstRun = await ReadAsync(call, 4); // the consumer processed 4, then the agent went down
            cts.Cancel();
        }

        // While the agent is down, the journal file gets more events (as the feed would on the next start).
        using (var offline = new JournalStore(Path.Combine(AgentTestServer.StateDirectory(_dir), "journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance))
            offline.AppendReceived(11, 12);

        await using var second = await AgentTestServer.StartAsync(_dir);
        using var resumeCts = new CancellationTokenSource();
        using var resumed = second.Client.StreamEvents(After(firstRun[^1].Cursor), cancellationToken: resumeCts.Token);
        var replay = await ReadAsync(resumed, 8);
        second.Journal.AppendReceived(13, 13);
        var live = await ReadAsync(resumed, 1);

        var all = firstRun.Concat(replay).Concat(live).Select(e => e.Id).ToList();
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"MSG-{n:D6}:received"), all);
        resumeCts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_CursorAtLastEvent_SendsOnlyNewEvents()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.AppendReceived(1, 3);
        using var cts = new CancellationTokenSource();
        using var call = server.Client.StreamEvents(After(3), cancellationToken: cts.Token);
        server.Journal.AppendReceived(4, 4);
        var events = await ReadAsync(call, 1);
        Assert.Equal(4, events.Single().Cursor);
        cts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_CursorAheadOfJournal_FailsOutOfRange()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.AppendReceived(1, 3);
        using var call = server.Client.StreamEvents(After(4));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OutOfRange, ex.StatusCode);
        Assert.Contains("last cursor 3", ex.Status.Detail);
    }

    [Fact]
    public async Task StreamEvents_CursorOlderThanRetention_FailsOutOfRangeNamingOldestCursor()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.AppendReceived(1, 10);
        server.Journal.Prune(DateTimeOffset.MinValue, keepNewest: 4, batchSize: 100); // keeps 7..10

        using var tooOld = server.Client.StreamEvents(After(5));
        var ex = await Assert.ThrowsAsync<RpcException>(() => tooOld.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OutOfRange, ex.StatusCode);
        Assert.Contains("oldest cursor still held is 7", ex.Status.Detail);

        // The edge: after_cursor = oldest - 1 loses nothing.
        using var cts = new CancellationTokenSource();
        using var edge = server.Client.StreamEvents(After(6), cancellationToken: cts.Token);
        Assert.Equal([7, 8, 9, 10], (await ReadAsync(edge, 4)).Select(e => e.Cursor));
        cts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_ResumeAcrossCursorGapsLeftByPruning_IsNotOutOfRange()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        // A skipped duplicate still consumes a cursor: the journal holds 1-4, 6, 7, 10, 11 (as seen in the field).
        server.Journal.AppendReceived(1, 4);
        server.Journal.AppendReceived(1, 1);
        server.Journal.AppendReceived(6, 7);
        server.Journal.AppendReceived(1, 2);
        server.Journal.AppendReceived(10, 11);
        Assert.Equal([1, 2, 3, 4, 6, 7, 10, 11], server.Journal.ReadAfter(0, 100).Select(e => (int)e.Cursor));
        server.Journal.Prune(DateTimeOffset.MinValue, keepNewest: 2, batchSize: 100); // deletes through 7

        // 8 and 9 never existed: a consumer that processed 7, 8 or 9 has missed nothing.
        foreach (var after in new long[] { 7, 8, 9 })
        {
            using var cts = new CancellationTokenSource();
            using var call = server.Client.StreamEvents(After(after), cancellationToken: cts.Token);
            Assert.Equal([10, 11], (await ReadAsync(call, 2)).Select(e => e.Cursor));
            cts.Cancel();
        }

        // 6 was held and is gone: the consumer that processed only 6 missed 7.
        using var missed = server.Client.StreamEvents(After(6));
        var ex = await Assert.ThrowsAsync<RpcException>(() => missed.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OutOfRange, ex.StatusCode);
        Assert.Contains("up to 7 were pruned", ex.Status.Detail);
        Assert.Contains("oldest cursor still held is 10", ex.Status.Detail);
    }

    [Fact]
    public async Task StreamEvents_PruningEverything_MarkStillRefusesOldCursorsAfterRestart()
    {
        await using (var first = await AgentTestServer.StartAsync(_dir))
        {
            first.Journal.AppendReceived(1, 5);
            first.Journal.AppendReceived(5, 5); // consumes 6
            first.Journal.Prune(DateTimeOffset.MaxValue, keepNewest: 100, batchSize: 2); // everything, in 3 batches
        }

        await using var second = await AgentTestServer.StartAsync(_dir);
        Assert.Equal(5, second.Journal.PrunedThrough);
        using var old = second.Client.StreamEvents(After(4));
        Assert.Equal(StatusCode.OutOfRange, (await Assert.ThrowsAsync<RpcException>(() => old.ResponseStream.MoveNext())).StatusCode);

        // After 5 (and after 6, which never held an event) nothing was missed.
        using var cts = new CancellationTokenSource();
        using var call = second.Client.StreamEvents(After(5), cancellationToken: cts.Token);
        second.Journal.AppendReceived(7, 7);
        Assert.Equal([7], (await ReadAsync(call, 1)).Select(e => e.Cursor));
        cts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_FromZeroAfterPruning_FailsButStartOldestReplaysWhatIsLeft()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.AppendReceived(1, 10);
        server.Journal.Prune(DateTimeOffset.MinValue, keepNewest: 2, batchSize: 100);

        using var fromZero = server.Client.StreamEvents(After(0));
        Assert.Equal(StatusCode.OutOfRange, (await Assert.ThrowsAsync<RpcException>(() => fromZero.ResponseStream.MoveNext())).StatusCode);

        using var cts = new CancellationTokenSource();
        using var oldest = server.Client.StreamEvents(new StreamEventsRequest { Start = StreamStart.Oldest }, cancellationToken: cts.Token);
        Assert.Equal([9, 10], (await ReadAsync(oldest, 2)).Select(e => e.Cursor));
        cts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_StartLatest_SkipsHistory()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.AppendReceived(1, 5);
        using var cts = new CancellationTokenSource();
        using var call = server.Client.StreamEvents(new StreamEventsRequest { Start = StreamStart.Latest, AfterCursor = 1 }, cancellationToken: cts.Token);
        // The stream has resolved its start once the headers arrive; append only then.
        var headers = await call.ResponseHeadersAsync;
        Assert.Equal("5", headers.GetValue("lineagent-start-cursor"));
        server.Journal.AppendReceived(6, 6);
        Assert.Equal(6, (await ReadAsync(call, 1)).Single().Cursor);
        cts.Cancel();
    }

    [Theory]
    [InlineData(-1, "after_cursor")]
    public async Task StreamEvents_NegativeCursor_FailsInvalidArgumentNamingField(long cursor, string field)
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        using var call = server.Client.StreamEvents(After(cursor));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(field + ":", ex.Status.Detail);
    }

    [Fact]
    public async Task StreamEvents_UnknownEventType_FailsInvalidArgumentNamingTheEntry()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        using var call = server.Client.StreamEvents(new StreamEventsRequest { EventTypes = { "message.received", "message.recieved" } });
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("event_types[1]:", ex.Status.Detail);
    }

    [Fact]
    public async Task StreamEvents_TypeFilter_SendsOnlyMatchingEventsAndACheckpointPastTheOthers()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.Append([JournalEvents.Received(1), JournalEvents.Delivered(1), JournalEvents.Delivered(2)]);

        using var cts = new CancellationTokenSource(HangGuard);
        using var call = server.Client.StreamEvents(new StreamEventsRequest { EventTypes = { "message.received" } }, cancellationToken: cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal("MSG-000001:received", call.ResponseStream.Current.Event.Id);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(3, call.ResponseStream.Current.Checkpoint.Cursor);
        cts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_ManySubscribers_EachGetsEveryEventOnce()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        server.Journal.AppendReceived(1, 50);
        using var cts = new CancellationTokenSource();
        var calls = Enumerable.Range(0, 12).Select(_ => server.Client.StreamEvents(After(0), cancellationToken: cts.Token)).ToList();
        var readers = calls.Select(c => ReadAsync(c, 100)).ToList();
        for (var n = 51; n <= 100; n += 10)
            server.Journal.AppendReceived(n, n + 9);

        foreach (var events in await Task.WhenAll(readers))
            Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), events.Select(e => e.Cursor));
        cts.Cancel();
        calls.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task StreamEvents_MoreStreamsThanAllowed_FailsResourceExhaustedWithRetryAfter()
    {
        // The limit comes from <state dir>/config.json: this also checks that layer of the configuration.
        Directory.CreateDirectory(AgentTestServer.StateDirectory(_dir));
        File.WriteAllText(Path.Combine(AgentTestServer.StateDirectory(_dir), "config.json"), """{ "Grpc": { "MaxEventStreams": 1 } }""");
        await using var server = await AgentTestServer.StartAsync(_dir);
        using var cts = new CancellationTokenSource();
        using var first = server.Client.StreamEvents(After(0), cancellationToken: cts.Token);
        await Eventually.UntilAsync(() => server.App.Services.GetRequiredService<EventStreamLimiter>().Open == 1, "first stream open");

        using var second = server.Client.StreamEvents(After(0));
        var ex = await Assert.ThrowsAsync<RpcException>(() => second.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("5", ex.Trailers.GetValue("retry-after"));
        cts.Cancel();
    }

    [Fact]
    public async Task StreamEvents_SlowConsumer_ServerStopsReadingAheadUntilTheClientReads()
    {
        const int total = 2_000;
        var counting = new CountingJournal();
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Grpc:EventPageSize", "100"], configure: b => b.Services.AddSingleton<IJournalReader>(sp =>
            counting.Wrap(new JournalStoreReader(sp.GetRequiredService<JournalStore>()))));
        var payload = new string('x', 16 * 1024);
        for (var n = 1; n <= total; n += 100)
            server.Journal.Append(Enumerable.Range(n, 100).Select(i => JournalEvents.Received(i, $$"""{"pad":"{{payload}}"}""")).ToList());

        using var cts = new CancellationTokenSource(HangGuard);
        using var call = server.Client.StreamEvents(After(0), cancellationToken: cts.Token);
        Assert.Single(await ReadAsync(call, 1));

        // The client stops reading. The server fills the HTTP/2 flow-control window, then its writes wait: the
        // number of events it has read from the journal stops growing well short of the total (32 MB).
        var stalledAt = await Eventually.UntilAsync(
            () => (Now: counting.EventsRead, Later: WaitAndRead(counting)),
            v => v.Now == v.Later, "the server to stop reading ahead");
        Assert.True(stalledAt.Now < total / 2, $"server read {stalledAt.Now} of {total} events for a client that read 1");

        // And nothing is lost: the client catches up with every event in order.
        var rest = await ReadAsync(call, total - 1);
        Assert.Equal(Enumerable.Range(2, total - 1).Select(n => (long)n), rest.Select(e => e.Cursor));
        cts.Cancel();
    }

    private static long WaitAndRead(CountingJournal counting)
    {
        Thread.Sleep(200); // let a still-running writer make progress before comparing
        return counting.EventsRead;
    }

    /// <summary>Counts the events StreamEvents reads from the journal.</summary>
    private sealed class CountingJournal
    {
        private long _read;
        public long EventsRead => Interlocked.Read(ref _read);

        public IJournalReader Wrap(IJournalReader inner) => new Reader(inner, this);

        private sealed class Reader(IJournalReader inner, CountingJournal owner) : IJournalReader
        {
            public long LastCursor => inner.LastCursor;
            public long OldestCursor => inner.OldestCursor;
            public long PrunedThrough => inner.PrunedThrough;
            public Task WaitForAppendAsync(long afterCursor, CancellationToken cancellationToken) => inner.WaitForAppendAsync(afterCursor, cancellationToken);

            public IReadOnlyList<JournalEvent> ReadAfter(long afterCursor, int limit, IReadOnlySet<string>? types)
            {
                var page = inner.ReadAfter(afterCursor, limit, types);
                Interlocked.Add(ref owner._read, page.Count);
                return page;
            }

            public IReadOnlyList<EncodedJournalEvent> ReadEncodedAfter(long afterCursor, int limit, IReadOnlySet<string>? types, IJournalEventEncoder encoding, int maxEncodedBytes)
            {
                var page = inner.ReadEncodedAfter(afterCursor, limit, types, encoding, maxEncodedBytes);
                Interlocked.Add(ref owner._read, page.Count);
                return page;
            }
        }
    }
}
