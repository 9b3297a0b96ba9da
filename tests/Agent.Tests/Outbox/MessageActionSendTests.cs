using LineAgent.Agent.Correlation;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Outbox;

/// <summary>
/// Replies, edits, unsends, mark-read, renames and multi-image sends through the whole send pipeline, on a strict
/// UI double that writes what Messages writes: each is reported sent only when chat.db shows it, and anything else
/// is unconfirmed with the reason and never retried.
/// </summary>
public sealed class MessageActionSendTests
{
    private const string Peer = "+15554440001";

    private static SendHarness Harness(SimulatedMessages sim, StrictMessagesUi ui, TimeSpan? timeout = null) =>
        new(sim, ui: ui, correlation: c =>
        {
            c.UiActionTimeout = timeout ?? TimeSpan.FromSeconds(10);
            c.AttachmentTimeout = timeout ?? TimeSpan.FromSeconds(10);
        });

    private static FakeMessage OwnText(SimulatedMessages sim, FakeChat chat, string text, TimeSpan age) =>
        sim.Db.SendText(chat, text, date: DateTimeOffset.UtcNow - age);

    [Fact]
    public async Task Reply_IsThreadedUnderItsRoot_AndARetryIsTheOriginalReceipt()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var root = sim.Db.ReceiveText(chat, Peer, "lunch?");
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var request = new ReplySend { MessageGuid = root.Guid, Text = "yes, at noon" };
        var (entry, _) = await h.Pipeline.SubmitAsync("reply-1", request, default);
        var done = await h.WaitFinalAsync(entry.SendId);
        var (again, replayed) = await h.Pipeline.SubmitAsync("reply-1", request, default);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(chat.Guid, done.ChatGuid);
        var row = h.ChatDb.GetMessage(Assert.Single(done.MessageGuids))!;
        Assert.Equal(root.Guid, row.ThreadOriginatorGuid);
        Assert.Equal("yes, at noon", row.Text);
        Assert.True(replayed);
        Assert.Equal(entry.SendId, again.SendId);
        Assert.Single(ui.Calls);
        Assert.Equal(0, ui.ActedWithoutMark);
        Assert.Equal(["send.queued", "send.sending", "send.sent"], h.EventTypes(entry.SendId));
    }

    [Fact]
    public async Task Reply_ToAMessageInsideAThread_ExpectsTheThreadsRoot()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var root = sim.Db.ReceiveText(chat, Peer, "plans?");
        var inThread = sim.Db.ReceiveReply(chat, Peer, root, "maybe saturday");
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("reply-2", new ReplySend { MessageGuid = inThread.Guid, Text = "saturday works" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(root.Guid, h.ChatDb.GetMessage(done.MessageGuids[0])!.ThreadOriginatorGuid);
    }

    [Fact]
    public async Task Reply_ThatWentOutUnthreaded_IsUnconfirmedAsAMisfire_AndNotRetried()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var root = sim.Db.ReceiveText(chat, Peer, "lunch?");
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.TypesIntoCompose };
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("reply-3", new ReplySend { MessageGuid = root.Guid, Text = "yes" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("not threaded", done.Error);
        Assert.Single(done.MessageGuids);      // the stray row is named, so the operator can find it
        Assert.Single(ui.Calls);
    }

    [Fact]
    public async Task Reply_WhoseEffectNeverAppears_IsUnconfirmed_NeverRetried()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var root = sim.Db.ReceiveText(chat, Peer, "lunch?");
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.NothingHappens };
        await using var h = Harness(sim, ui, TimeSpan.FromMilliseconds(300));
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("reply-4", new ReplySend { MessageGuid = root.Guid, Text = "yes" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);
        await Task.Delay(200);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("chat.db did not show it", done.Error);
        Assert.Single(ui.Calls);
    }

    [Fact]
    public async Task UiThatRefusesBeforeActing_FailsTheSend_WithItsReason()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var root = sim.Db.ReceiveText(chat, Peer, "lunch?");
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.RefusesBeforeActing };
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("reply-5", new ReplySend { MessageGuid = root.Guid, Text = "yes" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("Nothing was sent", done.Error);
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task UnknownMessagesAndChats_AreRefusedUpFront_NamingTheField()
    {
        using var sim = new SimulatedMessages();
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        var chat = sim.Db.EnsureDirectChat(Peer);
        var text = sim.Db.ReceiveText(chat, Peer, "one part");

        var reply = await Assert.ThrowsAsync<SendTargetNotFoundException>(() =>
            h.Pipeline.SubmitAsync("k1", new ReplySend { MessageGuid = "5F1A0E3C-0000-4000-8000-000000000000", Text = "x" }, default));
        var part = await Assert.ThrowsAsync<SendTargetNotFoundException>(() =>
            h.Pipeline.SubmitAsync("k2", new ReplySend { MessageGuid = text.Guid, PartIndex = 1, Text = "x" }, default));
        var read = await Assert.ThrowsAsync<SendTargetNotFoundException>(() =>
            h.Pipeline.SubmitAsync("k3", new MarkReadSend { ChatGuid = "iMessage;-;+15559990000" }, default));
        var rename = await Assert.ThrowsAsync<SendTargetNotFoundException>(() =>
            h.Pipeline.SubmitAsync("k4", new RenameChatSend { ChatGuid = "iMessage;+;chat999", Name = "x" }, default));

        Assert.Equal("message_guid", reply.Field);
        Assert.Equal("part_index", part.Field);
        Assert.Equal("chat_guid", read.Field);
        Assert.Equal("chat_guid", rename.Field);
        Assert.Null(h.Store.FindByKey("k1"));
        Assert.Empty(ui.Calls);
    }

    [Fact]
    public async Task Edit_OfAnOwnRecentMessage_IsVerifiedByDateEditedAndTheNewText()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var own = OwnText(sim, chat, "see you at 5", TimeSpan.FromMinutes(1));
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("edit-1", new EditSend { MessageGuid = own.Guid, Text = "see you at 6" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal([own.Guid], done.MessageGuids);
        var row = h.ChatDb.GetMessage(own.Guid)!;
        Assert.NotNull(row.DateEdited);
        Assert.Equal("see you at 6", row.Text);
        Assert.Equal(1, row.EditCounts[0]);
    }

    [Fact]
    public async Task Edit_TypedIntoTheComposeField_IsAMisfire_NamingTheStrayRow()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var own = OwnText(sim, chat, "see you at 5", TimeSpan.FromMinutes(1));
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.TypesIntoCompose };
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("edit-2", new EditSend { MessageGuid = own.Guid, Text = "see you at 6" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("as a new message", done.Error);
        Assert.NotEqual(own.Guid, Assert.Single(done.MessageGuids));
    }

    [Fact]
    public async Task Edit_Limits_NotOwn_FifteenMinutes_FiveEdits_SameText_AreFailedPrecondition()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var theirs = sim.Db.ReceiveText(chat, Peer, "their words");
        var old = OwnText(sim, chat, "old", TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(5));
        var justInside = OwnText(sim, chat, "recent", TimeSpan.FromMinutes(14));
        var edited = OwnText(sim, chat, "v0", TimeSpan.FromMinutes(3));
        for (var i = 1; i <= 5; i++)
            sim.Db.Edit(edited, $"v{i}");
        var fourTimes = OwnText(sim, chat, "w0", TimeSpan.FromMinutes(3));
        for (var i = 1; i <= 4; i++)
            sim.Db.Edit(fourTimes, $"w{i}");
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        h.StartWorker();

        Task Submit(string key, FakeMessage m, string text) => h.Pipeline.SubmitAsync(key, new EditSend { MessageGuid = m.Guid, Text = text }, default);
        var notOwn = await Assert.ThrowsAsync<SendPreconditionException>(() => Submit("e1", theirs, "mine now"));
        var tooOld = await Assert.ThrowsAsync<SendPreconditionException>(() => Submit("e2", old, "newer"));
        var tooMany = await Assert.ThrowsAsync<SendPreconditionException>(() => Submit("e3", edited, "v6"));
        var same = await Assert.ThrowsAsync<SendPreconditionException>(() => Submit("e4", justInside, "recent"));

        Assert.Contains("not sent by this line", notOwn.Message);
        Assert.Contains("15 minutes", tooOld.Message);
        Assert.Contains("5 times", tooMany.Message);
        Assert.Equal("text", same.Field);
        Assert.Empty(ui.Calls);

        // The boundaries from the inside: 14 minutes old, and a fifth edit, are allowed.
        var (inside, _) = await h.Pipeline.SubmitAsync("e5", new EditSend { MessageGuid = justInside.Guid, Text = "recent!" }, default);
        var (fifth, _) = await h.Pipeline.SubmitAsync("e6", new EditSend { MessageGuid = fourTimes.Guid, Text = "w5" }, default);
        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(inside.SendId)).State);
        Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(fifth.SendId)).State);
        Assert.Equal(5, h.ChatDb.GetMessage(fourTimes.Guid)!.EditCounts[0]);
    }

    [Fact]
    public async Task Unsend_WithinTwoMinutes_IsVerified_OnSequoiaAndOnTahoesEditStyleRecord()
    {
        foreach (var variant in new[] { SchemaVariant.Sequoia, SchemaVariant.Tahoe })
        {
            using var sim = new SimulatedMessages(variant);
            var chat = sim.Db.EnsureDirectChat(Peer);
            var own = OwnText(sim, chat, "oops, wrong chat", TimeSpan.FromSeconds(90));
            var ui = new StrictMessagesUi(sim.Db);
            await using var h = Harness(sim, ui);
            h.StartWorker();

            var (entry, _) = await h.Pipeline.SubmitAsync("unsend-1", new UnsendSend { MessageGuid = own.Guid }, default);
            var done = await h.WaitFinalAsync(entry.SendId);

            Assert.Equal(SendState.Sent, done.State);
            var row = h.ChatDb.GetMessage(own.Guid)!;
            Assert.True(row.IsUnsent);
            if (variant == SchemaVariant.Tahoe)
                Assert.Null(row.DateRetracted);     // macOS 26 records it as an edit; verified all the same
            var again = await Assert.ThrowsAsync<SendPreconditionException>(() =>
                h.Pipeline.SubmitAsync("unsend-2", new UnsendSend { MessageGuid = own.Guid }, default));
            Assert.Contains("was unsent", again.Message);
        }
    }

    [Fact]
    public async Task Unsend_AfterTwoMinutes_OrOfAnotherPersonsMessage_IsFailedPrecondition()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var old = OwnText(sim, chat, "too late", TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var theirs = sim.Db.ReceiveText(chat, Peer, "theirs");
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);

        var late = await Assert.ThrowsAsync<SendPreconditionException>(() => h.Pipeline.SubmitAsync("u1", new UnsendSend { MessageGuid = old.Guid }, default));
        var notOwn = await Assert.ThrowsAsync<SendPreconditionException>(() => h.Pipeline.SubmitAsync("u2", new UnsendSend { MessageGuid = theirs.Guid }, default));

        Assert.Contains("2 minutes", late.Message);
        Assert.Contains("not sent by this line", notOwn.Message);
        Assert.Empty(ui.Calls);
    }

    [Fact]
    public async Task Unsend_ThatWaitedItsTurnPastTheLimit_FailsWithNothingSent()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var own = OwnText(sim, chat, "quick", TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(300));
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);

        var (entry, _) = await h.Pipeline.SubmitAsync("u3", new UnsendSend { MessageGuid = own.Guid }, default);
        await Task.Delay(600);      // queued behind other sends past Apple's window
        h.StartWorker();
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("Nothing was sent", done.Error);
        Assert.Empty(ui.Calls);
    }

    [Fact]
    public async Task MarkRead_ClearsTheUnreadMessages_AndAReadChatNeedsNoUi()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        sim.Db.ReceiveText(chat, Peer, "one");
        sim.Db.ReceiveText(chat, Peer, "two");
        var other = sim.Db.EnsureDirectChat("+15554440002");
        sim.Db.ReceiveText(other, "+15554440002", "not this chat");
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("read-1", new MarkReadSend { ChatGuid = chat.Guid }, default);
        var done = await h.WaitFinalAsync(entry.SendId);
        var (again, _) = await h.Pipeline.SubmitAsync("read-2", new MarkReadSend { ChatGuid = chat.Guid }, default);
        var nothingToDo = await h.WaitFinalAsync(again.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(chat.Guid, done.ChatGuid);
        Assert.Equal(0, h.ChatDb.CountUnread(chat.Guid));
        Assert.Equal(1, h.ChatDb.CountUnread(other.Guid));
        Assert.NotNull(h.ChatDb.GetChat(chat.Guid)!.LastReadMessageTimestamp);
        Assert.Equal(SendState.Sent, nothingToDo.State);
        Assert.Single(ui.Calls);
    }

    [Fact]
    public async Task MarkRead_ThatChangesNothing_IsUnconfirmed_SayingWhatIsStillUnread()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        sim.Db.ReceiveText(chat, Peer, "one");
        sim.Db.ReceiveText(chat, Peer, "two");
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.NothingHappens };
        await using var h = Harness(sim, ui, TimeSpan.FromMilliseconds(300));
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("read-3", new MarkReadSend { ChatGuid = chat.Guid }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("2 received message(s) still unread", done.Error);
    }

    [Fact]
    public async Task Rename_IsVerifiedByTheGroupRow_AClearedNameToo_AndTheSameNameNeedsNoUi()
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat([Peer, "+15554440002"], "Weekend");
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var renamed = await h.WaitFinalAsync((await h.Pipeline.SubmitAsync("mv-1", new RenameChatSend { ChatGuid = group.Guid, Name = "Trip 🏕" }, default)).Entry.SendId);
        var same = await h.WaitFinalAsync((await h.Pipeline.SubmitAsync("mv-2", new RenameChatSend { ChatGuid = group.Guid, Name = "Trip 🏕" }, default)).Entry.SendId);
        var cleared = await h.WaitFinalAsync((await h.Pipeline.SubmitAsync("mv-3", new RenameChatSend { ChatGuid = group.Guid, Name = "" }, default)).Entry.SendId);

        Assert.Equal(SendState.Sent, renamed.State);
        Assert.Equal("Trip 🏕", h.ChatDb.GetMessage(renamed.MessageGuids[0])!.GroupEvent!.Title);
        Assert.Equal(SendState.Sent, same.State);
        Assert.Empty(same.MessageGuids);
        Assert.Equal(SendState.Sent, cleared.State);
        Assert.Null(h.ChatDb.GetChat(group.Guid)!.DisplayName);
        Assert.Equal(2, ui.Calls.Count);
    }

    [Fact]
    public async Task Rename_TypedIntoTheConversation_IsAMisfire_AndA1To1ChatIsRefused()
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat([Peer, "+15554440002"], "Weekend");
        var direct = sim.Db.EnsureDirectChat(Peer);
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.TypesIntoCompose };
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var done = await h.WaitFinalAsync((await h.Pipeline.SubmitAsync("mv-4", new RenameChatSend { ChatGuid = group.Guid, Name = "Trip" }, default)).Entry.SendId);
        var notGroup = await Assert.ThrowsAsync<SendPreconditionException>(() =>
            h.Pipeline.SubmitAsync("mv-5", new RenameChatSend { ChatGuid = direct.Guid, Name = "x" }, default));

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("sent the new name as a message", done.Error);
        Assert.Contains("not a group", notGroup.Message);
    }

    [Fact]
    public async Task ParallelAttachments_GoOutAsOneUiSend_VerifiedAsConsecutiveRows()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var ui = new StrictMessagesUi(sim.Db);
        await using var h = Harness(sim, ui);
        var ids = new[] { h.AddUpload("a.jpg", [1, 2, 3]), h.AddUpload("b.png", [4, 5], "image/png"), h.AddUpload("c.jpg", [6]) };
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("imgs-1", new MessageSend
        {
            ChatGuid = chat.Guid, ParallelAttachments = true,
            Parts = [new(OutboundPartKind.Text, "the photos"), .. ids.Select(id => new OutboundPart(OutboundPartKind.Media, id))],
        }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(4, done.MessageGuids.Count);                  // the text, then the three images
        Assert.Equal(["images 3"], ui.Calls);                      // one UI send for the three files
        Assert.Equal(["a.jpg", "b.png", "c.jpg"], ui.LastImages.Select(Path.GetFileName));
        Assert.Equal(["send-text-to-chat"], sim.Actions.Select(a => a.Split(' ')[0]));   // the text still by AppleScript
    }

    [Fact]
    public async Task ParallelAttachments_SplitByAnotherMessage_AreNotConfirmedAsOneSend()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.InterleavesAMessage };
        await using var h = Harness(sim, ui, TimeSpan.FromMilliseconds(300));
        var ids = new[] { h.AddUpload("a.jpg", [1]), h.AddUpload("b.jpg", [2]) };
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("imgs-2", new MessageSend
        {
            ChatGuid = chat.Guid, ParallelAttachments = true, Parts = [.. ids.Select(id => new OutboundPart(OutboundPartKind.Media, id))],
        }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Unconfirmed, done.State);
        Assert.Contains("1 of 2 files", done.Error);
    }

    [Fact]
    public void MessageSend_WithoutTheFlag_KeepsItsStoredFingerprint()
    {
        // Requests stored before parallel_attachments existed must still match their retries.
        var json = System.Text.Json.JsonSerializer.Serialize<OutboundRequest>(new MessageSend { To = Peer, Parts = [new(OutboundPartKind.Text, "hi")] });
        Assert.DoesNotContain("parallel", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("parallelAttachments", System.Text.Json.JsonSerializer.Serialize<OutboundRequest>(
            new MessageSend { To = Peer, ParallelAttachments = true, Parts = [] }), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AmbiguousUiFailure_AfterTheEffect_IsResolvedInChatDb()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var own = OwnText(sim, chat, "typo", TimeSpan.FromSeconds(10));
        var ui = new StrictMessagesUi(sim.Db) { Fault = UiFault.ActsThenThrows };
        await using var h = Harness(sim, ui);
        h.StartWorker();

        var (entry, _) = await h.Pipeline.SubmitAsync("edit-9", new EditSend { MessageGuid = own.Guid, Text = "typo fixed" }, default);
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);       // kAXErrorCannotComplete does not mean it did not happen
    }
}
