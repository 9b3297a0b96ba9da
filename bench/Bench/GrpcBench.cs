using LineAgent.Agent.Events;
using LineAgent.Agent.Grpc.Events;
using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Configuration;
using LineAgent.ChatDbReader.Records;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LineAgent.Bench;

/// <summary>
/// `grpc`: (1) events/s streamed to one client replaying a pre-filled journal; (2) end-to-end latency from a chat.db
/// commit (fake Messages writer) to the client receiving the message.received event, at a steady message rate.
/// Targets: ≥ 200,000 events/s replayed to one client (PASS/FAIL; 8 and 64 clients reported, best of 3 runs each, with
/// the load); p99 ≤ 60 ms end to end at 100 messages/s.
/// </summary>
public static class GrpcBench
{
    private const string Token = "bench-token-0123456789abcdef";

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var events = Option(args, "--events", 200_000);
        var rate = Option(args, "--rate", 100);
        var seconds = Option(args, "--seconds", 20);
        var root = Path.Combine(Path.GetTempPath(), "lineagent-bench-grpc-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ReplayAsync(Path.Combine(root, "replay"), events, Option(args, "--mapped", 1) != 0);
            if (seconds > 0)
                await EndToEndAsync(Path.Combine(root, "e2e"), rate, seconds);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task ReplayAsync(string dir, int count, bool alsoMapped)
    {
        // As the agent journals them: with the stream's encoder (the serialized proto event stored at append).
        var fillSeconds = Fill(Path.Combine(dir, "state"), count, new StreamEventEncoder(), out var journalBytes);
        Console.WriteLine($"grpc replay: journal pre-filled with {count:N0} message.received events ({journalBytes / 1024 / 1024} MB) in {fillSeconds:F1} s");
        for (var round = 1; round <= 3; round++) // the first round also warms the JIT
            ServerShare(Path.Combine(dir, "state", "journal.db"), count, round);

        // The clients run here, the agent in its own process (as on a line host): client CPU is not the server's.
        // Each client parses every response into the typed Event (as a real consumer does) and sums data_json lengths.
        var results = new Dictionary<int, double>();
        using (var agent = StalledStreamsBench.StartServer(dir, out var address))
        {
            // Warm-up (JIT tiers, connections, SQLite page cache), not timed.
            for (var round = 0; round < 3; round++)
                await ReplayClientsAsync(address, 1, count);
            await ReplayClientsAsync(address, 8, Math.Min(count, 10_000));
            foreach (var clients in new[] { 1, 8, 64 })
                results[clients] = await MeasureAsync(agent, address, clients, count, "stored encoding");
            Stop(agent);
        }

        if (alsoMapped)
        {
            // Before, in the same run: the same events journaled without the encoding (a journal.db from an older
            // agent), so every event is mapped from its JSON payload per stream, as StreamEvents did before; with
            // BENCH_BEFORE=path/to/Bench.dll, served by that build (e.g. the agent before the change).
            var mappedDir = dir + "-mapped";
            Fill(Path.Combine(mappedDir, "state"), count, encoder: null, out _);
            var before = Environment.GetEnvironmentVariable("BENCH_BEFORE") is { Length: > 0 } b ? b : null;
            if (before is not null)
                Console.WriteLine($"grpc replay: the mapped journal is served by {before}");
            using var agent = StalledStreamsBench.StartServer(mappedDir, out var address, before);
            for (var round = 0; round < 3; round++)
                await ReplayClientsAsync(address, 1, count);
            await ReplayClientsAsync(address, 8, Math.Min(count, 10_000));
            foreach (var clients in new[] { 1, 8, 64 })
            {
                var mapped = await MeasureAsync(agent, address, clients, count, "mapped per event (before)");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"grpc replay, {clients} client(s): stored encoding {results[clients]:N0} events/s vs mapped per event {mapped:N0} events/s = {results[clients] / mapped:F2}x"));
            }
            Stop(agent);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grpc replay summary (best of 3, load {Load()}): 1 client {results[1]:N0} events/s {(results[1] >= 200_000 ? "PASS" : "FAIL")} (target >= 200,000); 8 clients {results[8]:N0} in total; 64 clients {results[64]:N0} in total"));
    }

    private static void Stop(Process agent)
    {
        agent.StandardInput.Close();
        if (!agent.WaitForExit(30_000))
            agent.Kill(entireProcessTree: true);
    }

    private static double Fill(string state, int count, IJournalEventEncoder? encoder, out long bytes)
    {
        var journal = new JournalStore(Path.Combine(state, "journal.db"), new JournalOptions(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<JournalStore>.Instance, encoder);
        var fill = Stopwatch.StartNew();
        for (var n = 1; n <= count; n += 5_000)
            journal.Append(Enumerable.Range(n, Math.Min(5_000, count - n + 1)).Select(ReceivedEvent).ToList());
        bytes = new FileInfo(journal.Path).Length + (File.Exists(journal.Path + "-wal") ? new FileInfo(journal.Path + "-wal").Length : 0);
        journal.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return fill.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The server's share of the cost, without the network: journal pages as StreamEvents reads them (stored
    /// encodings), building the responses from them, and for comparison mapping each event from its payload (what
    /// a row without the encoding costs). Events per CPU-second as well as per second: on a shared machine the wall
    /// clock is not ours.
    /// </summary>
    private static void ServerShare(string path, int count, int round)
    {
        using var journal = new JournalStore(path, new JournalOptions(), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<JournalStore>.Instance);
        var pages = new List<IReadOnlyList<EncodedJournalEvent>>();
        var (readSeconds, readCpu) = Timed(() =>
        {
            long position = 0;
            for (IReadOnlyList<EncodedJournalEvent> page;
                 (page = journal.ReadEncodedAfter(position, 1_000, null, StreamEventEncoder.Instance, int.MaxValue)).Count > 0;
                 position = page[^1].Cursor)
                pages.Add(page);
        });
        var framedBytes = pages.Sum(page => page.Sum(e => (long)e.Size));
        long built = 0;
        var (buildSeconds, buildCpu) = Timed(() =>
        {
            foreach (var page in pages)
                foreach (var e in page)
                    built += StreamEventEncoder.Response(e.Encoded!).CalculateSize() > 0 ? 1 : 0;
        });
        pages.Clear();
        var events = journal.ReadAfter(0, 20_000);
        var (mapSeconds, mapCpu) = Timed(() =>
        {
            foreach (var e in events)
                _ = LineAgent.Agent.Grpc.Mapping.EventMapping.ToProto(e).CalculateSize();
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grpc replay, server share (round {round}): {framedBytes / Math.Max(1, count):N0} bytes per event as sent (stored encoding + framing), {events.Sum(e => (long)System.Text.Encoding.UTF8.GetByteCount(e.DataJson)) / Math.Max(1, events.Count):N0} bytes of data_json; journal page read {count / readSeconds:N0} events/s ({count / readCpu:N0} per CPU-second); response from the stored encoding {built / buildSeconds:N0} events/s ({built / buildCpu:N0} per CPU-second); mapping from the payload instead {events.Count / mapSeconds:N0} events/s ({events.Count / mapCpu:N0} per CPU-second)"));
    }

    /// <summary>Best of 3 runs of <paramref name="clients"/> clients each replaying the journal from the start.</summary>
    private static async Task<double> MeasureAsync(Process agent, string address, int clients, int count, string what)
    {
        // 64 clients replay a shorter prefix each to keep the run short.
        var each = Math.Min(count, 400_000 / clients);
        var best = 0.0;
        for (var run = 1; run <= 3; run++)
        {
            agent.Refresh();
            var cpu0 = agent.TotalProcessorTime;
            var own0 = Process.GetCurrentProcess().TotalProcessorTime;
            var (elapsed, received, bytes) = await ReplayClientsAsync(address, clients, each);
            agent.Refresh();
            var cpu = (agent.TotalProcessorTime - cpu0).TotalSeconds;
            var own = (Process.GetCurrentProcess().TotalProcessorTime - own0).TotalSeconds;
            var rate = received / elapsed.TotalSeconds;
            best = Math.Max(best, rate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grpc replay, {what}, {clients} client(s), run {run} (load {Load()}): {received:N0} events in {elapsed.TotalSeconds:F2} s = {rate:N0} events/s in total, {rate / clients:N0} per client; {received / cpu:N0} per agent CPU-second, {received / own:N0} per client-process CPU-second ({bytes / elapsed.TotalSeconds / 1024 / 1024:F1} MB/s of data_json)"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grpc replay, {what}, {clients} client(s): best {best:N0} events/s{(clients == 1 ? best >= 200_000 ? " PASS (>= 200,000)" : " FAIL (target >= 200,000)" : "")}"));
        return best;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static (double Seconds, double CpuSeconds) Timed(Action action)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary><paramref name="clients"/> concurrent streams (one channel each) replaying the first <paramref name="each"/> events.</summary>
    private static async Task<(TimeSpan Elapsed, long Received, long Bytes)> ReplayClientsAsync(string address, int clients, int each)
    {
        var channels = Enumerable.Range(0, clients).Select(_ => GrpcChannel.ForAddress(address)).ToList();
        long received = 0, bytes = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(channels.Select(channel => Task.Run(async () =>
        {
            var client = new LineAgent.Protocol.V1.LineAgent.LineAgentClient(
                channel.CreateCallInvoker().Intercept(m => { m.Add("authorization", "Bearer " + Token); return m; }));
            using var cts = new CancellationTokenSource();
            using var call = client.StreamEvents(new StreamEventsRequest { AfterCursor = 0 }, cancellationToken: cts.Token);
            long n = 0, b = 0;
            while (n < each && await call.ResponseStream.MoveNext(cts.Token))
            {
                n++;
                b += call.ResponseStream.Current.Event.DataJson.Length;
            }
            cts.Cancel();
            Interlocked.Add(ref received, n);
            Interlocked.Add(ref bytes, b);
        })));
        var elapsed = watch.Elapsed;
        foreach (var channel in channels)
            channel.Dispose();
        return (elapsed, received, bytes);
    }

    private static async Task EndToEndAsync(string dir, int rate, int seconds)
    {
        Directory.CreateDirectory(dir);
        var chatDbPath = Path.Combine(dir, "chat.db");
        using var db = FakeChatDatabase.Create(chatDbPath, SchemaVariant.Sequoia);
        var chat = db.EnsureDirectChat("+15550001111");
        await using var host = await StartAgentAsync(dir, chatDbEnabled: true);
        var app = host.App;
        var client = Client(app);

        var total0 = rate * seconds;
        var committed = new long[total0]; // Stopwatch timestamp taken just before message i's commit
        var latencies = new List<double>();
        var total = total0;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30));
        using var call = client.StreamEvents(new StreamEventsRequest { Start = StreamStart.Latest, EventTypes = { "message.received" } }, cancellationToken: cts.Token);
        await call.ResponseHeadersAsync;

        var reader = Task.Run(async () =>
        {
            while (latencies.Count < total && await call.ResponseStream.MoveNext(cts.Token))
            {
                var now = Stopwatch.GetTimestamp();
                var e = call.ResponseStream.Current.Event;
                if (e?.Message is { } m && m.Text.StartsWith("bench message ", StringComparison.Ordinal))
                {
                    var i = int.Parse(m.Text.AsSpan("bench message ".Length), CultureInfo.InvariantCulture);
                    latencies.Add(Stopwatch.GetElapsedTime(Volatile.Read(ref committed[i]), now).TotalMilliseconds);
                }
            }
        });

        // The writer commits one inbound message every 1/rate s (paced on the clock, not by sleeping a fixed delay).
        var start = Stopwatch.GetTimestamp();
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(interval.TotalSeconds * i * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            Volatile.Write(ref committed[i], Stopwatch.GetTimestamp());
            db.ReceiveText(chat, "+15550001111", $"bench message {i}");
        }
        await reader;
        cts.Cancel();

        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grpc end-to-end at {rate} msg/s for {seconds} s: {latencies.Count:N0} events, latency chat.db commit → client p50 {P(0.50):F1} ms, p90 {P(0.90):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms"));
    }

    /// <summary>Stops the host before disposing it (disposing alone cancels background services mid-flight).</summary>
    private sealed record RunningAgent(WebApplication App) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task<RunningAgent> StartAgentAsync(string dir, bool chatDbEnabled)
    {
        var state = Path.Combine(dir, "state");
        PrivateFile.WriteAllText(Path.Combine(state, "grpc.token"), Token);
        var app = AgentHost.Build(
        [
            "--state-dir", state, "--chat-db", Path.Combine(dir, "chat.db"), "--port", "0",
            "--ChangeFeed:Enabled", chatDbEnabled ? "true" : "false", "--Grpc:MaxEventStreams", "1000",
        ], b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync();
        return new RunningAgent(app);
    }

    private static LineAgent.Protocol.V1.LineAgent.LineAgentClient Client(WebApplication app)
    {
        var channel = GrpcChannel.ForAddress(AgentHost.ListeningAddress(app));
        return new(channel.CreateCallInvoker().Intercept(m => { m.Add("authorization", "Bearer " + Token); return m; }));
    }

    /// <summary>A realistic message.received payload: the change feed's shape (message object + parts).</summary>
    private static NewJournalEvent ReceivedEvent(int n)
    {
        var message = new MessageRecord
        {
            RowId = n, Guid = $"BENCH-{n:D8}-0000-0000-0000-000000000000", ChatGuids = ["iMessage;-;+15550001111"],
            Service = "iMessage", Sender = "+15550001111", Date = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + n),
            Text = $"Benchmark message number {n}, with a little text like a real reply would have.", Kind = MessageKind.Message,
        };
        var data = EventJson.ToJson(new MessagePayload(MessageData.From(message), []));
        return new NewJournalEvent(message.Guid + ":received", JournalEventTypes.MessageReceived, message.Date!.Value, message.ChatGuids[0], message.Guid, data);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
