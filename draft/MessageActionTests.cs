using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages.Ax;

namespace LineAgent.Agent.Tests.MessagesApp.Accessibility;

/// <summary>
/// Reply, edit, unsend, mark read and rename through the real accessibility driver and navigator, against the strict
/// simulated tree over its socket (the sandbox's path), on every modelled macOS version: each lands on the chosen
/// message in the chosen chat, or fails closed with nothing done — never elsewhere.
/// </summary>
public sealed class MessageActionTests
{
    private const string Peer = "+15554440001";

    public static TheoryData<MacVersion> Versions => [MacVersion.V13, MacVersion.V14, MacVersion.V15, MacVersion.V26];
    public static TheoryData<MacVersion> EditVersions => [MacVersion.V15, MacVersion.V26];

    private static MessageTarget Target(FakeChat chat, FakeMessage message) => new(new ChatTarget(chat.Guid), message.Guid, 0);

    private static long Threaded(SimulatedMessages sim, FakeMessage root) =>
        sim.MessageCount($"is_from_me = 1 AND thread_originator_guid = '{root.Guid}'");

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Reply_IsThreadedUnderTheChosenMessage_AndLeavesNothingOpen(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.ReceiveText(chat, Peer, "first");
        var latest = sim.Db.ReceiveText(chat, Peer, "latest");

        await sim.Accessibility().ReplyAsync(Target(chat, target), "answer to the first", CancellationToken.None);

        Assert.Equal(1, Threaded(sim, target));
        Assert.Equal(0, Threaded(sim, latest));
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
        Assert.False(sim.Ui.OverlayOpen);
        Assert.Equal("", sim.Ui.Draft(chat.Guid));
    }

    [Fact]
    public async Task Reply_WithAnOverlayLeftOpen_ClosesItFirst_AndRepliesToTheTarget()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.ReceiveText(chat, Peer, "first");
        var other = sim.Db.ReceiveText(chat, Peer, "other");
        sim.Ui.ShowChat(chat.Guid);
        sim.Ui.OpenOverlay(other.Guid);

        await sim.Accessibility().ReplyAsync(Target(chat, target), "to the first", CancellationToken.None);

        Assert.Equal(1, Threaded(sim, target));
        Assert.Equal(0, Threaded(sim, other));
        Assert.False(sim.Ui.OverlayOpen);
    }

    [Fact]
    public async Task Reply_WhenAnotherChatIsShown_FailsClosed_WithNothingSent()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.ReceiveText(chat, Peer, "first");
        var other = sim.Db.EnsureDirectChat("+15554440002");
        sim.Db.ReceiveText(other, "+15554440002", "someone else");
        sim.Ui.Faults.NextLinkShowsChat = other.Guid;

        var ex = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().ReplyAsync(Target(chat, target), "x", CancellationToken.None));

        Assert.True(ex.NothingSent);
        Assert.Equal(MessagesFailureKind.WrongConversation, ex.Kind);
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1"));
        Assert.False(sim.Ui.OverlayOpen);
    }

    [Fact]
    public async Task Reply_WhenTheTranscriptScrollsAfterTheFind_NeverLandsOnTheNeighbour()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.ReceiveText(chat, Peer, "first");
        sim.Db.ReceiveText(chat, Peer, "second");
        sim.Ui.Faults.ScrollAfterFind = true;

        try
        {
            await sim.Accessibility().ReplyAsync(Target(chat, target), "to the first", CancellationToken.None);
            Assert.Equal(1, Threaded(sim, target));
        }
        catch (MessagesDriverException ex)
        {
            Assert.True(ex.NothingSent);
        }
        Assert.Equal(sim.MessageCount("is_from_me = 1"), Threaded(sim, target));     // nothing threaded elsewhere, nothing unthreaded
    }

    [Fact]
    public async Task Reply_OverSomeonesDraft_IsRefused_AndTheDraftStays()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.ReceiveText(chat, Peer, "first");
        sim.Ui.SetDraft(chat.Guid, "half-typed by a person");

        var ex = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().ReplyAsync(Target(chat, target), "x", CancellationToken.None));

        Assert.True(ex.NothingSent);
        Assert.Equal("half-typed by a person", sim.Ui.Draft(chat.Guid));
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1"));
    }

    [Theory]
    [MemberData(nameof(EditVersions))]
    public async Task Edit_ChangesTheChosenOwnMessage_ThroughItsEditor(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.SendText(chat, "see you at 5", date: DateTimeOffset.UtcNow.AddMinutes(-1));
        var other = sim.Db.SendText(chat, "bring snacks", date: DateTimeOffset.UtcNow.AddSeconds(-30));

        await sim.Accessibility().EditAsync(Target(chat, target), "see you at 6", CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount($"guid = '{target.Guid}' AND date_edited > 0"));
        Assert.Equal(0L, sim.MessageCount($"guid = '{other.Guid}' AND date_edited > 0"));
        Assert.Equal(2L, sim.MessageCount("is_from_me = 1"));        // no new message
        Assert.False(sim.Ui.EditorOpen);
    }

    [Theory]
    [InlineData(MacVersion.V13)]
    [InlineData(MacVersion.V14)]
    public async Task Edit_WhereNoEditActionIsModelled_FailsClosed(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.SendText(chat, "see you at 5", date: DateTimeOffset.UtcNow.AddMinutes(-1));

        var ex = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().EditAsync(Target(chat, target), "6", CancellationToken.None));

        Assert.True(ex.NothingSent);
        Assert.Contains("no Edit action", ex.Message);
        Assert.Equal(0L, sim.MessageCount("date_edited > 0"));
    }

    [Fact]
    public async Task Edit_OfAMessagePastFifteenMinutes_OrNotOwn_FindsNoEditAction()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var old = sim.Db.SendText(chat, "old", date: DateTimeOffset.UtcNow.AddMinutes(-16));
        var theirs = sim.Db.ReceiveText(chat, Peer, "theirs");
        var ui = sim.Accessibility();

        var late = await Assert.ThrowsAsync<MessagesDriverException>(() => ui.EditAsync(Target(chat, old), "new", CancellationToken.None));
        var notOwn = await Assert.ThrowsAsync<MessagesDriverException>(() => ui.EditAsync(Target(chat, theirs), "new", CancellationToken.None));

        Assert.True(late.NothingSent && notOwn.NothingSent);
        Assert.Equal(0L, sim.MessageCount("date_edited > 0"));
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task Edit_WithAnEditorLeftOpenOnAnotherMessage_CancelsIt_AndEditsOnlyTheTarget()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.SendText(chat, "target", date: DateTimeOffset.UtcNow.AddMinutes(-2));
        var other = sim.Db.SendText(chat, "other", date: DateTimeOffset.UtcNow.AddMinutes(-1));
        sim.Ui.ShowChat(chat.Guid);
        sim.Ui.OpenEditor(other.Guid);

        await sim.Accessibility().EditAsync(Target(chat, target), "target, edited", CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount($"guid = '{target.Guid}' AND date_edited > 0"));
        Assert.Equal(0L, sim.MessageCount($"guid = '{other.Guid}' AND date_edited > 0"));
        Assert.False(sim.Ui.EditorOpen);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Unsend_WithinTwoMinutes_UnsendsTheChosenMessage(MacVersion version)
    {
        using var sim = new SimulatedMessages(version == MacVersion.V26 ? SchemaVariant.Tahoe : SchemaVariant.Sequoia);
        sim.Ui.Version = version;
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.SendText(chat, "oops", date: DateTimeOffset.UtcNow.AddSeconds(-30));
        var other = sim.Db.SendText(chat, "keep me", date: DateTimeOffset.UtcNow.AddSeconds(-20));

        await sim.Accessibility().UnsendAsync(Target(chat, target), CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount($"guid = '{target.Guid}' AND part_count = 0 AND date_edited > 0"));
        Assert.Equal(0L, sim.MessageCount($"guid = '{other.Guid}' AND date_edited > 0"));
        if (version == MacVersion.V26)
            Assert.Equal(0L, sim.MessageCount("date_retracted > 0"));
    }

    [Fact]
    public async Task Unsend_AfterTwoMinutes_FindsNoUndoSend_AndDoesNothing()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.SendText(chat, "too late", date: DateTimeOffset.UtcNow.AddMinutes(-3));

        var ex = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().UnsendAsync(Target(chat, target), CancellationToken.None));

        Assert.True(ex.NothingSent);
        Assert.Contains("Undo Send", ex.Message);
        Assert.Equal(0L, sim.MessageCount("date_edited > 0"));
    }

    [Fact]
    public async Task MessageActions_OnAPartOtherThanTheFirst_AreRefusedAsUnproven()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.SendText(chat, "two parts", date: DateTimeOffset.UtcNow.AddSeconds(-10));
        var part1 = new MessageTarget(new ChatTarget(chat.Guid), target.Guid, 1);

        var ex = Assert.Throws<MessagesDriverException>(() => { _ = sim.Accessibility().UnsendAsync(part1, CancellationToken.None); });

        Assert.True(ex.NothingSent);
        Assert.Contains("not proven", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task MarkRead_ReadsTheChosenChatOnly(MacVersion version)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = version;
        var chat = sim.Db.EnsureDirectChat(Peer);
        sim.Db.ReceiveText(chat, Peer, "one");
        sim.Db.ReceiveText(chat, Peer, "two");
        var other = sim.Db.EnsureDirectChat("+15554440002");
        sim.Db.ReceiveText(other, "+15554440002", "still unread");

        await sim.Accessibility().MarkReadAsync(new ChatTarget(chat.Guid), CancellationToken.None);

        Assert.Equal(0L, sim.MessageCount($"is_read = 0 AND is_from_me = 0 AND ROWID IN (SELECT message_id FROM chat_message_join WHERE chat_id = {chat.RowId})"));
        Assert.Equal(1L, sim.MessageCount($"is_read = 0 AND ROWID IN (SELECT message_id FROM chat_message_join WHERE chat_id = {other.RowId})"));
    }

    [Fact]
    public async Task MarkRead_WhenAnotherChatIsShown_ReadsNothing()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        sim.Db.ReceiveText(chat, Peer, "one");
        var other = sim.Db.EnsureDirectChat("+15554440002");
        sim.Db.ReceiveText(other, "+15554440002", "not this one");
        sim.Ui.Faults.NextLinkShowsChat = other.Guid;

        var ex = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().MarkReadAsync(new ChatTarget(chat.Guid), CancellationToken.None));

        Assert.True(ex.NothingSent);
        Assert.Equal(2L, sim.MessageCount("is_read = 0 AND is_from_me = 0"));
    }

    [Fact]
    public async Task Rename_OnTheModelledDetails_RenamesTheChosenGroup()
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat([Peer, "+15554440002"], "Old name");
        var other = sim.Db.CreateGroupChat([Peer, "+15554440003"], "Untouched");

        await sim.Accessibility().RenameGroupAsync(new ChatTarget(group.Guid), "New name", CancellationToken.None);

        Assert.Equal("New name", sim.Db.Scalar("SELECT display_name FROM chat WHERE ROWID = $c", ("$c", group.RowId)));
        Assert.Equal("Untouched", sim.Db.Scalar("SELECT display_name FROM chat WHERE ROWID = $c", ("$c", other.RowId)));
        Assert.Equal(1L, sim.MessageCount("item_type = 2 AND group_title = 'New name'"));
        Assert.Equal(0L, sim.MessageCount("item_type = 0 AND is_from_me = 1"));    // nothing typed into the conversation
    }

    [Fact]
    public async Task Rename_OnAShapeTheFakeDoesNotModel_FailsClosedAsUnproven()
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = MacVersion.V15;         // no ConversationTitle button before 26 in the model
        var group = sim.Db.CreateGroupChat([Peer, "+15554440002"], "Old name");

        var ex = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().RenameGroupAsync(new ChatTarget(group.Guid), "New", CancellationToken.None));

        Assert.True(ex.NothingSent);
        Assert.Contains("unproven", ex.Message);
        Assert.Equal(0L, sim.MessageCount("item_type = 2"));
    }

    [Fact]
    public async Task EveryAction_OnALockedScreen_IsUnavailable_WithNothingDone()
    {
        using var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        var own = sim.Db.SendText(chat, "mine", date: DateTimeOffset.UtcNow.AddSeconds(-10));
        sim.Db.ReceiveText(chat, Peer, "unread");
        sim.Ui.Faults.Locked = true;
        var ui = sim.Accessibility();

        foreach (var action in new Func<Task>[]
        {
            () => ui.ReplyAsync(Target(chat, own), "x", CancellationToken.None),
            () => ui.EditAsync(Target(chat, own), "y", CancellationToken.None),
            () => ui.UnsendAsync(Target(chat, own), CancellationToken.None),
            () => ui.MarkReadAsync(new ChatTarget(chat.Guid), CancellationToken.None),
        })
        {
            var ex = await Assert.ThrowsAsync<MessagesDriverException>(action);
            Assert.True(ex.NothingSent);
        }
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
        Assert.Equal(0L, sim.MessageCount("date_edited > 0"));
    }

    [Fact]
    public async Task Reply_InGerman_FindsTheLocalisedActions()
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Locale = "de";
        var chat = sim.Db.EnsureDirectChat(Peer);
        var target = sim.Db.ReceiveText(chat, Peer, "erste");
        var own = sim.Db.SendText(chat, "ups", date: DateTimeOffset.UtcNow.AddSeconds(-10));
        var ui = sim.Accessibility();

        await ui.ReplyAsync(Target(chat, target), "Antwort", CancellationToken.None);
        await ui.UnsendAsync(Target(chat, own), CancellationToken.None);

        Assert.Equal(1, Threaded(sim, target));
        Assert.Equal(1L, sim.MessageCount($"guid = '{own.Guid}' AND part_count = 0"));
    }
}
