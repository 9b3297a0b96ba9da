using Google.Protobuf;
using LineAgent.Agent.Events;
using LineAgent.Agent.Grpc;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.ChatDbReader.Records;
using StreamEventsRequest = LineAgent.Protocol.V1.StreamEventsRequest;
using StreamEventsResponse = LineAgent.Protocol.V1.StreamEventsResponse;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineAgent.Agent.Tests.Grpc;

/// <summary>
/// Issue 15.2: events are stored as StreamEvents sends them. Whatever path an event takes (stored encoding, a row
/// without one, another build's, too big to send unchanged), a client receives, message for message and byte for
/// byte, what the mapping of the journaled event gives.
/// </summary>
public sealed class EncodedEventTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Every event type, with a message that uses every field, an empty payload, and unusual values.</summary>
    public static IEnumerable<NewJournalEvent> EveryKind()
    {
        var n = 0;
        foreach (var type in JournalEventTypes.All.Order(StringComparer.Ordinal))
        {
            n++;
            yield return new NewJournalEvent($"E{n}:rich", type, DateTimeOffset.UnixEpoch.AddTicks(17_000_000_001_234_567), "iMessage;+;chat1", $"G{n}",
                EventJson.ToJson(new MessagePayload(MessageData.From(Rich(n)), [new PartData(0, 0, 5, "héllo", null, null, null)])));
            yield return new NewJournalEvent($"E{n}:empty", type, DateTimeOffset.UnixEpoch, null, null, "{}");
        }
        yield return new NewJournalEvent("odd:not-a-message", JournalEventTypes.MessageReceived, DateTimeOffset.UnixEpoch.AddDays(-1), "", "",
            """{"message":"not an object","parts":7}""");
        yield return new NewJournalEvent("odd:big", JournalEventTypes.MessageReceived, DateTimeOffset.UnixEpoch, "c", "g",
            EventJson.ToJson(new MessagePayload(MessageData.From(Rich(0) with { Text = new string('x', MappedEventCache.MaxCachedChars * 3) }), [])));
    }

    private static MessageRecord Rich(int n) => new()
    {
        RowId = n, Guid = $"G{n}", ChatGuids = ["iMessage;+;chat1", "any;-;+15550000001"], Service = "iMessage", IsFromMe = n % 2 == 0,
        Sender = "+15550000002", Date = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000 + n), DateDelivered = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_001),
        DateRead = DateTimeOffset.UnixEpoch.AddMilliseconds(1_700_000_002_345), DateEdited = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_003),
        Text = $"Grüße \U0001F600 \"quoted\" \\ line\nbreak {n}", Kind = MessageKind.Message,
        Reaction = new Reaction(ReactionType.Emoji, "\U0001F44D", n % 3 == 0, "TARGET", 1),
        GroupEvent = new GroupEvent(GroupEventType.Renamed, "+15550000003", "Title ✓"),
        Attachments = [new AttachmentRecord(9, "AT-1", "photo.heic", "image/heic", "public.heic", 123_456_789_012, "~/Library/Messages/Attachments/x/photo.heic", 5, false, false)],
        IsSent = true, IsDelivered = true, IsRead = n % 2 == 1, Error = 22, IsEdited = true, IsUnsent = true, UnsentParts = [0, 2],
        DateUnsent = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_004), ThreadOriginatorGuid = "THREAD", BalloonBundleId = "com.apple.messages.URLBalloonProvider",
    };

    private static byte[] Mapped(JournalEvent e, int maxBytes) =>
        new StreamEventsResponse { Event = EventMapping.ToProto(e, maxBytes) }.ToByteArray();

    [Fact]
    public void StoredEncoding_EveryKind_IsTheMappingByteForByte_AndEveryRowIsStoredEncoded()
    {
        using var journal = new JournalStore(_dir.File("a/journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance, new StreamEventEncoder());
        var kinds = EveryKind().ToList();
        journal.Append(kinds);

        var decoded = journal.ReadAfter(0, 1000);
        var encoded = journal.ReadEncodedAfter(0, 1000, null, StreamEventEncoder.Instance, int.MaxValue);

        Assert.Equal(kinds.Count, decoded.Count);
        Assert.Equal(decoded.Select(e => e.Cursor), encoded.Select(e => e.Cursor));
        for (var i = 0; i < decoded.Count; i++)
        {
            Assert.NotNull(encoded[i].Encoded);
            Assert.Null(encoded[i].Event);
            var sent = StreamEventEncoder.Response(encoded[i].Encoded!).ToByteArray();
            Assert.Equal(Mapped(decoded[i], new GrpcOptions().MaxSendMessageBytes), sent);
            Assert.Equal(sent, encoded[i].Encoded);
            Assert.Equal(EventMapping.ToProto(decoded[i]), StreamEventsResponse.Parser.ParseFrom(sent).Event);
        }
    }

    [Fact]
    public void Response_SharesTheFramesBytes_AndRefusesWhatIsNotAFrame()
    {
        using var journal = new JournalStore(_dir.File("r/journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance, new StreamEventEncoder());
        journal.Append([JournalEvents.Received(7)]);
        var e = journal.ReadAfter(0, 1).Single();
        var frame = journal.ReadEncodedAfter(0, 1, null, StreamEventEncoder.Instance, int.MaxValue).Single().Encoded!;
        var response = StreamEventEncoder.Response(frame);
        Assert.Equal(frame, response.ToByteArray());
        Assert.Equal(EventMapping.ToProto(e), StreamEventsResponse.Parser.ParseFrom(response.ToByteArray()).Event);
        // The event is not copied: the response writes the frame's own bytes (which is why neither may change).
        frame[^1] ^= 0xFF;
        Assert.Equal(frame, response.ToByteArray());

        Assert.Throws<ArgumentException>(() => StreamEventEncoder.Response(frame[..^1]));                           // cut short
        Assert.Throws<ArgumentException>(() => StreamEventEncoder.Response([.. frame, 0]));                         // trailing byte
        Assert.Throws<ArgumentException>(() => StreamEventEncoder.Response([(byte)(frame[0] + 8), .. frame[1..]])); // another field
    }

    [Fact]
    public void ReadEncoded_OtherFormat_NoEncoder_OrTooLong_ReturnsTheDecodedEvent()
    {
        using var plain = new JournalStore(_dir.File("b/journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance);
        plain.Append([JournalEvents.Received(1)]);
        var legacy = plain.ReadEncodedAfter(0, 10, null, StreamEventEncoder.Instance, int.MaxValue).Single();
        Assert.Null(legacy.Encoded);
        Assert.Equal(plain.ReadAfter(0, 10).Single(), legacy.Event);

        using var encoding = new JournalStore(_dir.File("c/journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance, new StreamEventEncoder());
        encoding.Append([JournalEvents.Received(2)]);
        Assert.Null(encoding.ReadEncodedAfter(0, 10, null, new OtherBuild(), int.MaxValue).Single().Encoded);
        var length = StreamEventEncoder.Instance.Encode(encoding.ReadAfter(0, 10).Single())!.Length;
        Assert.NotNull(encoding.ReadEncodedAfter(0, 10, null, StreamEventEncoder.Instance, length).Single().Encoded);
        var tooLong = encoding.ReadEncodedAfter(0, 10, null, StreamEventEncoder.Instance, length - 1).Single();
        Assert.Null(tooLong.Encoded);
        Assert.Equal(encoding.ReadAfter(0, 10).Single(), tooLong.Event);
    }

    [Fact]
    public void ReadEncoded_RowsWithoutEncoding_EveryKind_DecodeAsReadAfter_AndTypeFiltersApply()
    {
        using var plain = new JournalStore(_dir.File("e/journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance);
        plain.Append(EveryKind().ToList());
        var expected = plain.ReadAfter(0, 1000);

        Assert.Equal(expected, plain.ReadEncodedAfter(0, 1000, null, StreamEventEncoder.Instance, int.MaxValue).Select(e => e.Event));
        var types = new HashSet<string> { JournalEventTypes.ChatRead, JournalEventTypes.SendFailed };
        Assert.Equal(plain.ReadAfter(3, 5, types), plain.ReadEncodedAfter(3, 5, types, StreamEventEncoder.Instance, int.MaxValue).Select(e => e.Event));
        Assert.Equal(4, plain.ReadEncodedAfter(3, 5, types, StreamEventEncoder.Instance, int.MaxValue).Count);
    }

    [Fact]
    public void EncoderThatThrows_StillJournalsTheEvent_WithoutEncoding()
    {
        using var journal = new JournalStore(_dir.File("d/journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance, new ThrowingEncoder());
        Assert.Single(journal.Append([JournalEvents.Received(1)]).Appended);
        Assert.NotNull(journal.ReadEncodedAfter(0, 10, null, new ThrowingEncoder(), int.MaxValue).Single().Event);
    }

    private sealed class ThrowingEncoder : IJournalEventEncoder
    {
        public long Format => 42;
        public byte[] Encode(JournalEvent stored) => throw new InvalidOperationException("boom");
        public byte[] Frame(long cursor, ReadOnlySpan<byte> stored) => throw new InvalidOperationException("never stored");
    }

    /// <summary>The stream's encoding as another build writes it (same bytes, another format).</summary>
    private sealed class OtherBuild : IJournalEventEncoder
    {
        public long Format => StreamEventEncoder.CurrentFormat + 1;
        public byte[]? Encode(JournalEvent stored) => StreamEventEncoder.Instance.Encode(stored);
        public byte[] Frame(long cursor, ReadOnlySpan<byte> stored) => StreamEventEncoder.Instance.Frame(cursor, stored);
    }

    /// <summary>
    /// Over real gRPC, with a send limit that forces truncation of the big event: rows journaled by an agent without
    /// the encoding (a journal.db from before it) and rows journaled with it stream the same, in order, each once.
    /// </summary>
    [Fact]
    public async Task StreamEvents_LegacyAndEncodedRows_ArriveAsTheMappingOfEachEvent_TruncationIncluded()
    {
        const int maxSend = 64 * 1024;
        var kinds = EveryKind().ToList();
        var huge = new NewJournalEvent("odd:huge", JournalEventTypes.MessageReceived, DateTimeOffset.UnixEpoch, "c", "g",
            EventJson.ToJson(new MessagePayload(MessageData.From(Rich(0) with { Text = new string('y', 200_000) }), [])));
        using (var legacy = new JournalStore(Path.Combine(AgentTestServer.StateDirectory(_dir), "journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance))
            legacy.Append([.. kinds, huge]);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await using var server = await AgentTestServer.StartAsync(_dir, ["--Grpc:MaxSendMessageBytes", maxSend.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ChangeFeed:Enabled", "false"]);
        server.Journal.Append([.. kinds.Select(k => k with { Id = k.Id + ":new" }), huge with { Id = "odd:huge:new" }]);
        var journaled = server.Journal.ReadAfter(0, 1000);
        Assert.Equal(2 * (kinds.Count + 1), journaled.Count);
        Assert.Null(server.Journal.ReadEncodedAfter(0, 1, null, StreamEventEncoder.Instance, int.MaxValue).Single().Encoded);
        Assert.NotNull(server.Journal.ReadEncodedAfter(journaled[^2].Cursor, 1, null, StreamEventEncoder.Instance, int.MaxValue).Single().Encoded);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = server.Client.StreamEvents(new StreamEventsRequest { AfterCursor = 0 }, cancellationToken: cts.Token);
        var received = new List<StreamEventsResponse>();
        while (received.Count < journaled.Count && await call.ResponseStream.MoveNext(cts.Token))
            received.Add(call.ResponseStream.Current);
        cts.Cancel();

        Assert.Equal(journaled.Select(e => Mapped(e, maxSend)), received.Select(r => r.ToByteArray()));
        Assert.True(received.Single(r => r.Event.Id == "odd:huge:new").Event.Message.TextTruncated);
    }
}
