using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Outbox;

/// <summary>
/// Plain sends that tell the truth (issue 12): each case through the whole pipeline, the real driver and the
/// simulator modelling what Messages does in it.
/// </summary>
public sealed class PlainSendTruthTests
{
    private static MessageSend Text(string to, string text) => new() { To = to, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };

    private static MessageSend ChatText(string chatGuid, string text) =>
        new() { ChatGuid = chatGuid, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };

    [Fact]
    public async Task ColdStart_TheFirstSendWaitsForMessagesAndItsAccount_AndGoesOutOnce()
    {
        using var sim = new SimulatedMessages(configure: c => { c.MessagesRunning = false; c.ConnectingProbes = 3; });
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("cold", Text("+15552220001", "first after boot"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(["send-text-to-handle 4"], sim.Actions);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task NoSmsAccount_FailsAtOnceAsNotSent_InsteadOfUnconfirmed()
    {
        using var sim = new SimulatedMessages(configure: c => c.StaleChats.Add("SMS;-;+15552220002"));
        sim.Db.EnsureDirectChat("+15552220002", "SMS");
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("sms", ChatText("SMS;-;+15552220002", "via sms"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("Nothing was sent", done.Error);
        Assert.Contains("Text Message Forwarding", done.Error);
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1"));
    }

    /// <summary>A stale "any;" 1:1 chat: the buddy fallback writes into the service's own 1:1 chat (imsg #16), a second chat.</summary>
    [Fact]
    public async Task BuddyFallback_LandingInAnotherChat_IsConfirmedThere()
    {
        using var sim = new SimulatedMessages(SchemaVariant.Sequoia, c => c.StaleChats.Add("any;-;+15552220003"));
        sim.Db.EnsureChat("any;-;+15552220003", isGroup: false, identifier: "+15552220003");
        sim.Db.EnsureChat("iMessage;-;+15552220099", isGroup: false, identifier: "+15552220099");
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("buddy", ChatText("any;-;+15552220003", "through the buddy"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(["iMessage;-;+15552220003"], h.ChatDb.GetMessage(done.MessageGuids[0])!.ChatGuids);
    }

    /// <summary>The fallback's other chats are accepted, no others: the same text in another person's chat is not ours.</summary>
    [Fact]
    public async Task BuddyFallback_NeverBindsARowInAnUnrelatedChat()
    {
        var target = new LineAgent.Agent.MessagesApp.ChatTarget("any;-;+15552220003");
        Assert.Equal(["any;-;+15552220003", "iMessage;-;+15552220003"], target.CandidateChatGuids);
        Assert.Equal(["iMessage;+;chat1"], new LineAgent.Agent.MessagesApp.ChatTarget("iMessage;+;chat1").CandidateChatGuids);
        await Task.CompletedTask;
    }

    /// <summary>
    /// Tahoe "any;" chats may be SMS or RCS (BlueBubbles PR #832): the service comes from chat.service_name. Sent over
    /// iMessage, as before, a recipient without iMessage never gets it (error 22).
    /// </summary>
    [Theory]
    [InlineData("SMS")]
    [InlineData("RCS")]
    public async Task AnyChat_UsesTheServiceChatDbRecords(string service)
    {
        using var sim = new SimulatedMessages(SchemaVariant.Tahoe, c =>
        {
            c.StaleChats.Add("any;-;+15552220004");
            c.NotOnIMessage.Add("+15552220004");
            c.SmsAvailable = true;
            c.RcsAvailable = true;
        });
        sim.Db.EnsureChat("any;-;+15552220004", isGroup: false, identifier: "+15552220004", service: service);
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("any", ChatText("any;-;+15552220004", "right service"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(service, sim.Db.Scalar("SELECT service FROM message WHERE guid = $g", ("$g", done.MessageGuids[0])));
        Assert.Equal(0L, sim.MessageCount("error <> 0"));
    }

    /// <summary>An old-style Tahoe group: AppleScript would write an empty message to an SMS handle (imsg #90). Never sent.</summary>
    [Fact]
    public async Task OldTahoeGroup_FailsClearly_WithoutRunningAnything()
    {
        using var sim = new SimulatedMessages(SchemaVariant.Tahoe);
        sim.Db.EnsureChat("any;+;chat123456789", isGroup: true, identifier: "chat123456789");
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("old", ChatText("any;+;chat123456789", "hello group"));
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("cannot address", done.Error);
        Assert.Contains("Nothing was sent", done.Error);
        Assert.Empty(sim.Actions);
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1"));
    }

    /// <summary>The simulator's side of that case: a blind `chat id` send does the wrong thing visibly.</summary>
    [Fact]
    public async Task OldTahoeGroup_SentBlindly_WritesAGhostToAnSmsHandle()
    {
        using var sim = new SimulatedMessages(SchemaVariant.Tahoe);
        sim.Db.EnsureChat("any;+;chat123456789", isGroup: true, identifier: "chat123456789");

        await sim.Driver().SendTextAsync(new LineAgent.Agent.MessagesApp.ChatTarget("any;+;chat123456789"), "hello group", CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount("is_from_me = 1 AND text IS NULL AND service = 'SMS'"));
    }

    [Fact]
    public async Task StagedFiles_AreKeptByDefault()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim, outbox: o => o.StagedFileRetention = null);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("loc", new LocationSend { To = "+15552220005", Latitude = 1.5, Longitude = 2.5 });
        var done = await h.WaitFinalAsync(entry.SendId);
        h.Cleaner.CleanOnce();

        Assert.Equal(SendState.Sent, done.State);
        Assert.True(File.Exists(Assert.Single(done.StagedFiles)));
        Assert.Single(h.Store.Find(entry.SendId)!.StagedFiles);
        Assert.Null(new OutboxOptions().StagedFileRetention);
    }

    /// <summary>The mark is durable before osascript runs: while the simulator is inside the call, the outbox already says so.</summary>
    [Fact]
    public async Task SpawnMark_IsWrittenBeforeOsascriptRuns()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("hang"));
        await using var h = new SendHarness(sim, scriptTimeout: TimeSpan.FromSeconds(4), correlation: c => c.TextTimeout = TimeSpan.FromMilliseconds(200));
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("mark", Text("+15552220006", "marked"));
        await Eventually.UntilAsync(() => sim.Actions.Count, n => n == 1, "the send script to start");
        var during = h.Store.Find(entry.SendId)!;

        Assert.Equal(SendState.Sending, during.State);
        Assert.True(during.ScriptStarted);
        Assert.NotNull(during.InflightSnapshot);
        await h.WaitFinalAsync(entry.SendId);
    }

    /// <summary>A crash after accepting but before osascript started: resumed after restart, sent exactly once.</summary>
    [Fact]
    public async Task CrashBeforeSpawn_IsResumed_AndSentExactlyOnce()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        var (entry, _) = h.Pipeline.Submit("pre", Text("+15552220007", "resume me"));
        h.Store.Save(entry with { State = SendState.Sending, InflightSnapshot = h.Correlator.Snapshot(), ScriptStarted = false });

        await h.RestartAsync();
        h.StartWorker();
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(["send-text-to-handle 4"], sim.Actions);
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    /// <summary>A crash after osascript started: it may have sent; never resent, unconfirmed with the true reason.</summary>
    [Fact]
    public async Task CrashAfterSpawn_WithNoRow_IsUnconfirmed_WithTheTrueReason()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim, correlation: c => c.TextTimeout = TimeSpan.FromMilliseconds(300));
        var (entry, _) = h.Pipeline.Submit("post", Text("+15552220008", "maybe"));
        h.Store.Save(entry with { State = SendState.Sending, InflightSnapshot = h.Correlator.Snapshot(), ScriptStarted = true });

        await h.RestartAsync();
        h.StartWorker();
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("stopped while osascript was running", done.Error);
        Assert.DoesNotContain("Messages accepted", done.Error);
        Assert.Empty(sim.Actions);
    }
}
