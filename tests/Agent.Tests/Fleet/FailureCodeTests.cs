using Grpc.Core;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Fleet;

/// <summary>Issue 13 §3: every failure the simulator can produce reaches the receipt as a machine-readable code.</summary>
public sealed class FailureCodeTests
{
    private static MessageSend Text(string to, string text) => new() { To = to, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };

    private static MessageSend ChatText(string chatGuid, string text) =>
        new() { ChatGuid = chatGuid, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };

    [Fact]
    public void EveryCode_HasItsOwnProtoValue_AndARoundTrippingName()
    {
        var codes = Enum.GetValues<SendFailureCode>();
        var proto = codes.Select(SendMapping.ToProto).ToList();
        Assert.Equal(codes.Length, proto.Distinct().Count());
        Assert.Equal(Proto.SendFailureCode.Unspecified, SendMapping.ToProto(SendFailureCode.None));
        Assert.All(codes.Where(c => c is not (SendFailureCode.None or SendFailureCode.Unknown)),
            c => Assert.NotEqual(Proto.SendFailureCode.Unknown, SendMapping.ToProto(c)));
        Assert.All(codes, c => Assert.Equal(c, SendFailures.Parse(SendFailures.Name(c))));
        Assert.Equal("not_delivered", SendFailures.Name(SendFailureCode.NotDelivered));
        Assert.Equal("ui_element_missing", SendFailures.Name(SendFailureCode.UiElementMissing));
        Assert.Equal(SendFailureCode.Unknown, SendFailures.Parse("something_new"));
    }

    public static TheoryData<string, Action<SimConfig>, SendState, SendFailureCode> SimulatorFailures => new()
    {
        { "automation denied", c => c.AutomationDenied = true, SendState.Failed, SendFailureCode.PermissionMissing },
        { "not on iMessage", c => c.NotOnIMessage.Add("+15553330001"), SendState.Failed, SendFailureCode.NotDelivered },
        { "buddy unknown", c => c.FailNext.AddRange(["-1728", "-1728", "-1728"]), SendState.Failed, SendFailureCode.ChatNotFound },
        { "Messages quit", c => c.FailNext.AddRange(["-600", "-600", "-600", "-600"]), SendState.Failed, SendFailureCode.MessagesNotRunning },
        { "Apple event timeout", c => c.FailNext.Add("-1712"), SendState.Unconfirmed, SendFailureCode.Timeout },
        { "connection broke", c => c.FailNext.Add("-609"), SendState.Unconfirmed, SendFailureCode.Unconfirmed },
    };

    [Theory]
    [MemberData(nameof(SimulatorFailures))]
    public async Task SimulatedFailure_EndsWithItsCode_AndRetryableOnlyWhenNothingWasSentAndRetryingCanHelp(
        string name, Action<SimConfig> configure, SendState state, SendFailureCode code)
    {
        using var sim = new SimulatedMessages(configure: configure);
        await using var h = new SendHarness(sim, correlation: c => c.TextTimeout = TimeSpan.FromSeconds(1));
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("k-" + name.Replace(' ', '-'), Text("+15553330001", "hello"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(state, done.State);
        Assert.Equal(code, done.FailureCode);
        Assert.Equal(state == SendState.Failed && code == SendFailureCode.MessagesNotRunning, done.Retryable);
        var receipt = SendMapping.ToReceipt(done, replayed: false);
        Assert.Equal(SendMapping.ToProto(code), receipt.FailureCode);
        Assert.Equal(done.Retryable, receipt.Retryable);
        // The journal's send.* event says the same.
        var last = h.Journal.ReadAfter(0, 1000).Last(e => e.Id.StartsWith($"send:{entry.SendId}:", StringComparison.Ordinal));
        Assert.Contains($"\"failure_code\":\"{SendFailures.Name(code)}\"", last.DataJson);
        Assert.Contains($"\"retryable\":{(done.Retryable ? "true" : "false")}", last.DataJson);
    }

    [Fact]
    public async Task GhostRow_IsMisrouted()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("ghost"));
        var group = sim.Db.CreateGroupChat(["+15553330011", "+15553330012"]);
        await using var h = new SendHarness(sim);
        h.StartWorker();
        var (entry, _) = h.Pipeline.Submit("ghost", ChatText(group.Guid, "to the group"));
        var done = await h.WaitFinalAsync(entry.SendId);
        Assert.Equal(SendState.Failed, done.State);
        Assert.Equal(SendFailureCode.Misrouted, done.FailureCode);
        Assert.False(done.Retryable);
    }

    [Fact]
    public async Task UiActionWithoutAccessibility_IsPermissionMissing()
    {
        using var sim = new SimulatedMessages(configure: c => c.AccessibilityDenied = true);
        var chat = sim.Db.EnsureDirectChat("+15553330013");
        var target = sim.Db.ReceiveText(chat, "+15553330013", "nice");
        await using var h = new SendHarness(sim);
        h.StartWorker();
        var (entry, _) = h.Pipeline.Submit("tb", new ReactionSend { MessageGuid = target.Guid, Reaction = LineAgent.ChatDbReader.Records.ReactionType.Love });
        var done = await h.WaitFinalAsync(entry.SendId);
        Assert.Equal(SendState.Failed, done.State);
        Assert.Equal(SendFailureCode.PermissionMissing, done.FailureCode);
    }

    [Fact]
    public async Task NoSmsAccount_IsSignedOut()
    {
        using var sim = new SimulatedMessages(configure: c => c.StaleChats.Add("SMS;-;+15553330002"));
        sim.Db.EnsureDirectChat("+15553330002", "SMS");
        await using var h = new SendHarness(sim);
        h.StartWorker();
        var (entry, _) = h.Pipeline.Submit("sms", ChatText("SMS;-;+15553330002", "via sms"));
        var done = await h.WaitFinalAsync(entry.SendId);
        Assert.Equal(SendState.Failed, done.State);
        Assert.Equal(SendFailureCode.SignedOut, done.FailureCode);
        Assert.False(done.Retryable);
    }

    [Fact]
    public async Task DeliveredThenRead_GetSendTellsTheWholeStory_WithTheReceiptTimes()
    {
        using var sim = new SimulatedMessages(configure: c => { c.DeliveredDelayMs = 0; c.ReadDelayMs = 0; });
        await using var h = new SendHarness(sim);
        h.StartWorker();
        var (entry, _) = h.Pipeline.Submit("dr", Text("+15553330003", "hello"));
        var sent = await h.WaitFinalAsync(entry.SendId);
        Assert.Equal(Proto.SendState.Sent, SendMapping.ToReceipt(sent, false).State);

        var read = await Eventually.UntilAsync(() => { h.FeedAndTrack(); return h.Store.Find(entry.SendId)!; },
            e => e.Delivery == DeliveryState.Read, "the read receipt", TimeSpan.FromSeconds(20));
        var receipt = SendMapping.ToReceipt(read, false);
        Assert.Equal(Proto.SendState.Read, receipt.State);
        Assert.NotNull(receipt.DeliveredAt);
        Assert.NotNull(receipt.ReadAt);
        Assert.True(receipt.ReadAt.ToDateTimeOffset() >= receipt.DeliveredAt.ToDateTimeOffset());
        Assert.Equal(Proto.SendFailureCode.Unspecified, receipt.FailureCode);

        // After a restart the stored receipt says the same.
        await h.RestartAsync();
        Assert.Equal(Proto.SendState.Read, SendMapping.ToReceipt(h.Store.Find(entry.SendId)!, false).State);
    }

    [Fact]
    public async Task ErrorAfterSending_TurnsASentSendIntoNotDelivered_AndIsCountedAsPostSendFailure()
    {
        using var sim = new SimulatedMessages(configure: c => c.DeliveredDelayMs = -1);
        await using var h = new SendHarness(sim);
        h.StartWorker();
        var (entry, _) = h.Pipeline.Submit("late-22", Text("+15553330004", "hello"));
        var sent = await h.WaitFinalAsync(entry.SendId);
        Assert.Equal(SendState.Sent, sent.State);
        h.FeedAndTrack();

        var row = sim.Db.Scalar("SELECT ROWID FROM message WHERE guid = '" + sent.MessageGuids[0] + "'");
        sim.Db.MarkFailed(new FakeMessage((long)row!, sent.MessageGuids[0]), error: 22);
        h.FeedAndTrack();

        var failed = h.Store.Find(entry.SendId)!;
        Assert.Equal(SendState.Failed, failed.State);
        Assert.Equal(SendFailureCode.NotDelivered, failed.FailureCode);
        Assert.False(failed.Retryable);
        Assert.Equal(Proto.SendFailureCode.NotDelivered, SendMapping.ToReceipt(failed, false).FailureCode);
    }

    [Fact]
    public async Task Refusals_CarryTheirCodeInATrailer()
    {
        using var dir = new TempDirectory();
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(dir), SchemaVariant.Sequoia)) { }
        await using var server = await AgentTestServer.StartAsync(dir, ["--Pacing:NewContactsPerHour", "0"]);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "new-contact", To = "+15553330005",
            Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = "hi" } } },
        }));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal("budget_exhausted", ex.Trailers.GetValue(FailureCodeTrailer.Key));
        Assert.NotNull(ex.Trailers.GetValue(RateLimitedException.RetryAfterTrailer));
    }
}
