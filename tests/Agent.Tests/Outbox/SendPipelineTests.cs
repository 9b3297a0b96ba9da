using LineAgent.Agent.Events;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Outbox;

/// <summary>The whole pipeline (outbox → worker → real driver → fake-messages → chat.db → correlator).</summary>
public sealed class SendPipelineTests
{
    private static MessageSend Text(string to, string text) =>
        new() { To = to, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };

    private static MessageSend ChatText(string chatGuid, string text) =>
        new() { ChatGuid = chatGuid, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };

    [Fact]
    public async Task SendText_EndToEnd_BindsTheMessageGuid_AndJournalsEachState()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, replayed) = h.Pipeline.Submit("key-1", Text("+15551110001", "hello \" & do shell script \"x"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.False(replayed);
        Assert.Equal(SendState.Sent, done.State);
        var guid = Assert.Single(done.MessageGuids);
        Assert.Equal(guid, sim.Db.Scalar("SELECT guid FROM message WHERE is_from_me = 1"));
        Assert.Equal("iMessage;-;+15551110001", done.ChatGuid);
        Assert.Equal([JournalEventTypes.SendQueued, JournalEventTypes.SendSending, JournalEventTypes.SendSent], h.EventTypes(entry.SendId));
    }

    [Fact]
    public async Task SendText_WithBodyOnlyRows_CorrelatesThroughTheDecodedBody()
    {
        using var sim = new SimulatedMessages(configure: c => c.BodyOnly = true);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("k", Text("+15551110001", "body only ✓"));

        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(entry.SendId)).State);
        Assert.Null(sim.Db.Scalar("SELECT text FROM message WHERE is_from_me = 1"));
    }

    [Fact]
    public async Task SameKey_ReturnsTheSameSend_AndSendsOneMessage()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var first = h.Pipeline.Submit("dup", Text("+15551110001", "once"));
        var second = h.Pipeline.Submit("dup", Text("+15551110001", "once"));
        await h.WaitFinalAsync(first.Entry.SendId);
        var third = h.Pipeline.Submit("dup", Text("+15551110001", "once"));

        Assert.Equal(first.Entry.SendId, second.Entry.SendId);
        Assert.Equal(first.Entry.SendId, third.Entry.SendId);
        Assert.True(second.Replayed);
        Assert.True(third.Replayed);
        Assert.Equal(SendState.Sent, third.Entry.State);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task ConcurrentRetriesWithOneKey_MakeOneSend()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => h.Pipeline.Submit("race", Text("+15551110001", "x")))));

        Assert.Single(results.Select(r => r.Entry.SendId).Distinct());
        Assert.Equal(15, results.Count(r => r.Replayed));
    }

    [Fact]
    public async Task SameKey_WithADifferentRequest_IsRejected()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);

        h.Pipeline.Submit("k", Text("+15551110001", "one"));

        Assert.Throws<IdempotencyConflictException>(() => h.Pipeline.Submit("k", Text("+15551110001", "two")));
    }

    [Fact]
    public async Task SameKey_AfterARestart_ReturnsTheOriginal_AndNeverSendsAgain()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        h.StartWorker();
        var (entry, _) = h.Pipeline.Submit("persist", Text("+15551110001", "survives"));
        await h.WaitFinalAsync(entry.SendId);

        await h.RestartAsync();
        h.StartWorker();
        var (again, replayed) = h.Pipeline.Submit("persist", Text("+15551110001", "survives"));

        Assert.True(replayed);
        Assert.Equal(entry.SendId, again.SendId);
        Assert.Equal(SendState.Sent, again.State);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
        Assert.Single(sim.Actions);
    }

    [Fact]
    public async Task QueuedSends_SurviveARestart_AndGoOutOnce()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        var a = h.Pipeline.Submit("a", Text("+15551110001", "first")).Entry;
        var b = h.Pipeline.Submit("b", Text("+15551110001", "second")).Entry;

        await h.RestartAsync();
        h.StartWorker();

        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(a.SendId)).State);
        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(b.SendId)).State);
        Assert.Equal(["first", "second"], Texts(sim));
    }

    [Fact]
    public async Task RestartMidSend_WhenTheRowExists_IsResolvedAsSent_WithoutCallingMessagesAgain()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        var (entry, _) = h.Pipeline.Submit("mid", Text("+15551110001", "in flight"));
        // The agent died after saving the snapshot and running the script, before it saw the row.
        var snapshot = h.Correlator.Snapshot();
        h.Store.Save(entry with { State = SendState.Sending, InflightSnapshot = snapshot, ScriptStarted = true });
        sim.Db.SendText(sim.Db.EnsureDirectChat("+15551110001"), "in flight");

        await h.RestartAsync();
        h.StartWorker();
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Empty(sim.Actions);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task RestartMidSend_WhenNoRowExists_IsUnconfirmed_AndNotResent()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim, correlation: c => c.TextTimeout = TimeSpan.FromMilliseconds(300));
        var (entry, _) = h.Pipeline.Submit("mid", Text("+15551110001", "maybe"));
        h.Store.Save(entry with { State = SendState.Sending, InflightSnapshot = h.Correlator.Snapshot(), ScriptStarted = true });

        await h.RestartAsync();
        h.StartWorker();
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Empty(sim.Actions);
        Assert.Equal(0L, sim.MessageCount());
    }

    [Fact]
    public async Task TimeoutAfterMessagesSent_IsResolvedInChatDb_AsSent()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("hang-after-send"));
        // Long enough for the simulator (a cold .NET process on a busy machine) to write the row before it is killed.
        await using var h = new SendHarness(sim, scriptTimeout: TimeSpan.FromSeconds(10));
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("t", Text("+15551110001", "slow but sent"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Single(sim.Actions);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task TimeoutWithNothingInChatDb_IsUnconfirmed_NeverResent()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("hang"));
        await using var h = new SendHarness(sim, scriptTimeout: TimeSpan.FromSeconds(2), correlation: c => c.TextTimeout = TimeSpan.FromMilliseconds(500));
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("t", Text("+15551110001", "lost?"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("never resent", done.Error);
        Assert.Single(sim.Actions);
        Assert.Equal(0L, sim.MessageCount());
        Assert.Equal(JournalEventTypes.SendUnconfirmed, h.EventTypes(entry.SendId)[^1]);
    }

    [Fact]
    public async Task GhostRow_FailsTheSendAsMisrouted()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("ghost"));
        var group = sim.Db.CreateGroupChat(["+15551110001", "+15551110002"]);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("g", ChatText(group.Guid, "to the group"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("Misrouted", done.Error);
        Assert.Single(sim.Actions);
    }

    [Fact]
    public async Task AutomationDenied_FailsWithTheFix_AndNothingIsSent()
    {
        using var sim = new SimulatedMessages(configure: c => c.AutomationDenied = true);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("p", Text("+15551110001", "x"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("Automation", done.Error);
        Assert.Equal([JournalEventTypes.SendQueued, JournalEventTypes.SendSending, JournalEventTypes.SendFailed], h.EventTypes(entry.SendId));
    }

    [Fact]
    public async Task MessagesNotRunning_IsLaunched_AndTheSendGoesOutOnce()
    {
        using var sim = new SimulatedMessages(configure: c => c.MessagesRunning = false);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("r", Text("+15551110001", "x"));

        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(entry.SendId)).State);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    /// <summary>
    /// Messages first writes the row, then sets error 22. Usually the send is bound (sent) before the error lands and the
    /// delivery tracker turns it into failed; on a slow machine the error is already there when it is bound. Either way
    /// it must end failed as not delivered, journaled once as send.failed, and never be resent.
    /// </summary>
    [Fact]
    public async Task RecipientNotOnIMessage_EndsFailedAsNotDelivered()
    {
        using var sim = new SimulatedMessages(configure: c => { c.NotOnIMessage.Add("+15551110009"); c.SentDelayMs = 300; });
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("n", Text("+15551110009", "are you there"));
        var done = await h.WaitFinalAsync(entry.SendId);
        Assert.Contains(done.State, new[] { SendState.Sent, SendState.Failed });   // the row exists either way: bound

        var failed = await Eventually.UntilAsync(() => { h.FeedAndTrack(); return h.Store.Find(entry.SendId)!; },
            e => e.State == SendState.Failed, "not delivered");
        Assert.Contains("not on iMessage", failed.Error);
        Assert.Single(failed.MessageGuids);
        Assert.Equal(JournalEventTypes.SendFailed, h.EventTypes(entry.SendId)[^1]);
        Assert.Single(h.EventTypes(entry.SendId), t => t == JournalEventTypes.SendFailed);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task DeliveredAndRead_AreJournaledInOrder()
    {
        using var sim = new SimulatedMessages(configure: c => { c.SentDelayMs = 50; c.DeliveredDelayMs = 100; c.ReadDelayMs = 100; });
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("d", Text("+15551110001", "read me"));
        await h.WaitFinalAsync(entry.SendId);
        await Eventually.UntilAsync(() => { h.FeedAndTrack(); return h.Store.Find(entry.SendId)!.Delivery; },
            d => d == DeliveryState.Read, "read receipt");

        Assert.Equal([JournalEventTypes.SendQueued, JournalEventTypes.SendSending, JournalEventTypes.SendSent, JournalEventTypes.SendDelivered, JournalEventTypes.SendRead],
            h.EventTypes(entry.SendId));
    }

    /// <summary>The tracker reads no chat.db: running as a service, it follows the receipts the feed journals.</summary>
    [Fact]
    public async Task DeliveryTracker_FollowsTheFeedsJournalEvents_WithoutPolling()
    {
        using var sim = new SimulatedMessages(configure: c => { c.SentDelayMs = 50; c.DeliveredDelayMs = 100; c.ReadDelayMs = 100; });
        await using var h = new SendHarness(sim);
        await h.Tracker.StartAsync(CancellationToken.None);
        try
        {
            h.StartWorker();
            var (entry, _) = h.Pipeline.Submit("d", Text("+15551110001", "read me"));
            await h.WaitFinalAsync(entry.SendId);
            Assert.Equal(DeliveryState.None, h.Store.Find(entry.SendId)!.Delivery);   // nothing journaled yet

            await Eventually.UntilAsync(() => { h.Feed(); return h.Store.Find(entry.SendId)!.Delivery; }, d => d == DeliveryState.Read, "read receipt");
            Assert.Equal([JournalEventTypes.SendDelivered, JournalEventTypes.SendRead], h.EventTypes(entry.SendId).TakeLast(2));
        }
        finally
        {
            await h.Tracker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task StaleOneToOneGuid_FallsBackToTheBuddy_AndIsConfirmedInThatChat()
    {
        using var sim = new SimulatedMessages(LineAgent.FakeChatDb.SchemaVariant.Tahoe, c => c.StaleChats.Add("any;-;+15551110004"));
        sim.Db.EnsureDirectChat("+15551110004");
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("s", ChatText("any;-;+15551110004", "stale"));

        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(entry.SendId)).State);
    }

    private static List<string?> Texts(SimulatedMessages sim)
    {
        var texts = new List<string?>();
        var max = (long)sim.Db.Scalar("SELECT COALESCE(MAX(ROWID), 0) FROM message")!;
        for (var id = 1L; id <= max; id++)
            if (sim.Db.Scalar("SELECT text FROM message WHERE ROWID = $id AND is_from_me = 1", ("$id", id)) is string t)
                texts.Add(t);
        return texts;
    }
}
