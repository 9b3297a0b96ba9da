using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.ChatDbReader.Records;
using LineAgent.FakeChatDb;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Events;

/// <summary>Issue 9.2: one huge row must never block the event stream.</summary>
public sealed class HugeRowTests : IDisposable
{
    private const int FiveMegabytes = 5 * 1024 * 1024;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FiveMegabyteRow_ThenNormalRows_EveryEventStreams_TextCutAndFlagged_GetMessageReturnsAll()
    {
        var huge = HugeText();
        using (var db = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia))
        {
            var chat = db.EnsureDirectChat("+15550001111");
            db.ReceiveText(chat, "+15550001111", "before");
            db.InsertMessage(new NewMessage { Guid = "HUGE-ROW", Text = huge, Chats = [chat], Handle = "+15550001111" });
            for (var i = 0; i < 5; i++)
                db.ReceiveText(chat, "+15550001111", $"after {i}");
        }
        // GetMessage may answer with the whole 5 MB text; events keep the default limits. The rows are journaled as
        // the change feed maps them.
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Grpc:MaxSendMessageBytes", "16777216", "--ChangeFeed:Enabled", "false"]);
        using (var chatDb = LineAgent.ChatDbReader.ChatDb.Open(AgentTestServer.ChatDbPath(_dir)))
            server.Journal.Append(chatDb.ReadMessagesAfter(0, 100).SelectMany(EventMapper.Inserted).ToList());

        var events = await StreamAll(server, server.Journal.LastCursor);

        var received = events.Where(e => e.Type == JournalEventTypes.MessageReceived).Select(e => e.Message.Text).ToList();
        Assert.Equal(["before", huge[..EventLimits.MaxTextChars], "after 0", "after 1", "after 2", "after 3", "after 4"], received);
        var big = events.Single(e => e.Id == "HUGE-ROW:received");
        Assert.True(big.Message.TextTruncated);
        Assert.False(events.Single(e => e.Message?.Text == "after 4").Message.TextTruncated);
        Assert.Contains("\"text_truncated\":true", big.DataJson);
        Assert.True(big.CalculateSize() < 4 * 1024 * 1024);
        var full = await server.Client.GetMessageAsync(new Proto.GetMessageRequest { MessageGuid = "HUGE-ROW" });
        Assert.Equal(huge, full.Text);
        Assert.False(full.TextTruncated);
    }

    [Fact]
    public async Task EventJournaledBeforeTheCap_LargerThanMaxSendMessageBytes_StreamsCut_AndLaterEventsFollow()
    {
        await using var server = await AgentTestServer.StartAsync(_dir, ["--ChangeFeed:Enabled", "false"]);
        var record = new MessageRecord { RowId = 1, Guid = "OLD-HUGE", ChatGuids = ["c"], Text = HugeText() };
        // What the agent journaled before events were capped: the whole text, twice (message and parts).
        var uncapped = EventJson.ToJson(new MessagePayload(MessageData.From(record), [new PartData(0, 0, record.Text!.Length, record.Text, null, null, null)]));
        server.Journal.Append([new NewJournalEvent("OLD-HUGE:received", JournalEventTypes.MessageReceived, DateTimeOffset.UnixEpoch, "c", "OLD-HUGE", uncapped)]);
        server.Journal.AppendReceived(2, 4);

        var events = await StreamAll(server, server.Journal.LastCursor);

        Assert.Equal(["OLD-HUGE:received", "MSG-000002:received", "MSG-000003:received", "MSG-000004:received"], events.Select(e => e.Id));
        Assert.True(events[0].Message.TextTruncated);
        Assert.StartsWith(record.Text[..1000], events[0].Message.Text);
        Assert.True(events[0].CalculateSize() <= 4 * 1024 * 1024);
        Assert.Equal(events[0].Message.Text, EventJson.ReadMessage(events[0].DataJson)!.Text);
        Assert.Equal("hello 4", events[^1].Message.Text);
    }

    [Fact]
    public void Cap_CutsTextAndParts_NeverInsideASurrogatePair_AndLeavesSmallRowsAlone()
    {
        var small = MessageData.From(new MessageRecord { RowId = 1, Guid = "g", Text = "hi" });
        IReadOnlyList<PartData> smallParts = [new PartData(0, 0, 2, "hi", null, null, null)];
        Assert.Same(small, EventLimits.Cap(small, smallParts).Message);

        var text = "abc\U0001F600def";   // the emoji is a surrogate pair at 3–4
        var message = MessageData.From(new MessageRecord { RowId = 1, Guid = "g", Text = text });
        IReadOnlyList<PartData> parts = [new PartData(0, 0, 3, "abc", null, null, null), new PartData(1, 3, 5, "\U0001F600def", null, null, null)];

        var (cut, cutParts) = EventLimits.Cap(message, parts, maxChars: 4);

        Assert.Equal("abc", cut.Text);
        Assert.True(cut.TextTruncated);
        Assert.Equal(["abc"], cutParts.Select(p => p.Text));
        Assert.Equal(3, cutParts[0].Length);
        Assert.DoesNotContain("text_truncated", EventJson.ToJson(small));
        Assert.Contains("\"text_truncated\":true", EventJson.ToJson(cut));
    }

    private static string HugeText()
    {
        var chars = new char[FiveMegabytes];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = (char)('a' + i % 26);
        return new string(chars);
    }

    private static async Task<List<Proto.Event>> StreamAll(AgentTestServer server, long last)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = server.Client.StreamEvents(new Proto.StreamEventsRequest { AfterCursor = 0 }, cancellationToken: guard.Token);
        var events = new List<Proto.Event>();
        while ((events.Count == 0 || events[^1].Cursor < last) && await call.ResponseStream.MoveNext(guard.Token))
            events.Add(call.ResponseStream.Current.Event);
        guard.Cancel();
        return events;
    }
}
