using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.ChatDbReader.Records;
using LineAgent.FakeMessages.Ax;

namespace LineAgent.Agent.Tests.MessagesApp.Accessibility;

/// <summary>
/// The driver against a Messages that misbehaves: each fault makes a blind driver act in the wrong place (the fake
/// shows it), and the real driver must fail with the right kind and leave nothing in the wrong chat.
/// </summary>
public sealed class SafetyTests
{
    private static (SimulatedMessages Sim, ChatTarget Chat) OneChat()
    {
        var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        return (sim, new ChatTarget(chat.Guid));
    }

    [Fact]
    public async Task ALinkThatShowsAnotherChat_IsCaught_AndNothingIsSentAnywhere()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        var other = sim.Db.EnsureDirectChat("+15554440009");
        sim.Ui.Faults.NextLinkShowsChat = other.Guid;

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().SendRichLinkAsync(chat, "https://example.com/", CancellationToken.None));

        Assert.Equal(MessagesFailureKind.WrongConversation, failure.Kind);
        Assert.True(failure.NothingSent);
        Assert.Equal(0L, sim.MessageCount());
        Assert.Equal("", sim.Ui.Draft(other.Guid));
    }

    [Fact]
    public async Task AnIgnoredLink_NeverActsInWhateverWasShown()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        var other = sim.Db.EnsureDirectChat("+15554440009");
        sim.Ui.ShowChat(other.Guid);
        sim.Ui.Faults.LinksIgnored = true;

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().SetTypingAsync(chat, true, CancellationToken.None));

        Assert.Equal(MessagesFailureKind.WrongConversation, failure.Kind);
        Assert.Equal("", sim.Ui.Draft(other.Guid));
    }

    [Fact]
    public async Task AReplyOverlayLeftOpen_IsClosedFirst_SoTheSendIsNotAReply()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        var root = sim.Db.ReceiveText(sim.Db.FindChat(chat.ChatGuid)!, "+15554440001", "root");
        sim.Ui.ShowChat(chat.ChatGuid);
        sim.Ui.OpenOverlay(root.Guid);

        await sim.Accessibility().SendRichLinkAsync(chat, "https://example.com/", CancellationToken.None);

        Assert.False(sim.Ui.OverlayOpen);
        Assert.Equal(0L, sim.MessageCount("thread_originator_guid IS NOT NULL"));
        Assert.Equal(1L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task AnOverlayThatWillNotClose_FailsClosed()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        var root = sim.Db.ReceiveText(sim.Db.FindChat(chat.ChatGuid)!, "+15554440001", "root");
        sim.Ui.ShowChat(chat.ChatGuid);
        sim.Ui.OpenOverlay(root.Guid);
        sim.Ui.Faults.OverlayStuck = true;

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().SendRichLinkAsync(chat, "https://example.com/", CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.Equal(0L, sim.MessageCount("is_from_me = 1"));
    }

    [Fact]
    public async Task FocusElsewhere_MeansNoReturn_AndTheDraftIsCleared()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        sim.Ui.Faults.FocusStolen = true;    // a Return now would go to the sidebar search and show another chat

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().SendRichLinkAsync(chat, "https://example.com/", CancellationToken.None));

        Assert.Equal(MessagesFailureKind.WrongConversation, failure.Kind);
        Assert.True(failure.NothingSent);
        Assert.DoesNotContain("return", sim.Ui.Events);
        Assert.Equal("", sim.Ui.Draft(chat.ChatGuid));
    }

    [Fact]
    public async Task AHumansDraft_IsNeverSentAlong()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        sim.Ui.SetDraft(chat.ChatGuid, "do not send this yet");

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().SendRichLinkAsync(chat, "https://example.com/", CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.Equal("do not send this yet", sim.Ui.Draft(chat.ChatGuid));
        Assert.Equal(0L, sim.MessageCount());
    }

    [Fact]
    public async Task AReturnThatDidNotSend_IsAmbiguous_NeverPressedAgain_AndTheDraftIsCleared()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        sim.Ui.Faults.ReturnIgnored = true;

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().SendRichLinkAsync(chat, "https://example.com/", CancellationToken.None));

        Assert.Equal(MessagesFailureKind.UiAmbiguous, failure.Kind);
        Assert.False(failure.NothingSent);
        Assert.Single(sim.Ui.Events, e => e == "return");
        Assert.Equal("", sim.Ui.Draft(chat.ChatGuid));
    }

    [Fact]
    public async Task CannotCompleteAfterThePickerPress_IsAmbiguous_AndTheTapbackIsNotPressedTwice()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        var target = sim.Db.ReceiveText(sim.Db.FindChat(chat.ChatGuid)!, "+15554440001", "hello");
        sim.Ui.Faults.CannotCompleteOn = "/picker/";     // the press lands, Messages answers CannotComplete

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Accessibility().SendTapbackAsync(new MessageTarget(chat, target.Guid, 0), ReactionType.Love, false, CancellationToken.None));

        Assert.Equal(MessagesFailureKind.UiAmbiguous, failure.Kind);
        Assert.False(failure.NothingSent);                                       // chat.db decides, never a retry
        Assert.Equal(1L, sim.MessageCount("associated_message_type = 2000"));
        Assert.Equal(0L, sim.MessageCount("associated_message_type = 3000"));    // a second press would have removed it
    }

    [Fact]
    public async Task AScrollBetweenFindAndAct_NeverHitsTheNeighbour()
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Faults.ViewportRows = 3;
        sim.Ui.Faults.ScrollAfterFind = true;
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var rows = Enumerable.Range(0, 5).Select(i => sim.Db.ReceiveText(chat, "+15554440001", $"message {i}")).ToList();
        var target = rows[3];

        await sim.Accessibility().SendTapbackAsync(new MessageTarget(new ChatTarget(chat.Guid), target.Guid, 0), ReactionType.Like, false,
            CancellationToken.None);

        Assert.Contains(sim.Ui.Events, e => e.StartsWith("inbound arrived", StringComparison.Ordinal));
        Assert.Equal(1L, sim.MessageCount($"associated_message_type = 2001 AND associated_message_guid = 'p:0/{target.Guid}'"));
        Assert.Equal(1L, sim.MessageCount("associated_message_type <> 0"));
    }

    [Fact]
    public async Task AnExistingTapback_IsNotToggledOffByAnAdd()
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        var target = sim.Db.ReceiveText(sim.Db.FindChat(chat.ChatGuid)!, "+15554440001", "hello");
        var ui = sim.Accessibility();
        await ui.SendTapbackAsync(new MessageTarget(chat, target.Guid, 0), ReactionType.Love, false, CancellationToken.None);

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            ui.SendTapbackAsync(new MessageTarget(chat, target.Guid, 0), ReactionType.Love, false, CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.Equal(0L, sim.MessageCount("associated_message_type = 3000"));
        Assert.False(sim.Ui.PickerOpen);    // closed again on the failure path
    }

    [Theory]
    [InlineData("locked", MessagesFailureKind.UiUnavailable, "locked")]
    [InlineData("untrusted", MessagesFailureKind.AccessibilityDenied, "Accessibility")]
    [InlineData("stale", MessagesFailureKind.UiUnavailable, "stale grant")]
    [InlineData("nowindow", MessagesFailureKind.UiUnavailable, "no usable window")]
    [InlineData("shape", MessagesFailureKind.WrongConversation, "did not show")]
    public async Task UnusableSessions_AreRefusedWithTheReason(string state, MessagesFailureKind kind, string reason)
    {
        var (sim, chat) = OneChat();
        using var _ = sim;
        switch (state)
        {
            case "locked": sim.Ui.Faults.Locked = true; break;
            case "untrusted": sim.Ui.Faults.Untrusted = true; break;
            case "stale": sim.Ui.Faults.StaleGrant = true; break;
            case "nowindow": sim.Ui.Faults.NoWindow = true; break;
            case "shape": sim.Ui.Faults.UnexpectedShape = true; break;
        }
        var ui = sim.Accessibility();

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => ui.SendRichLinkAsync(chat, "https://example.com/", CancellationToken.None));
        var probe = await Record.ExceptionAsync(() => ui.ProbeAsync(CancellationToken.None));

        Assert.Equal(kind, failure.Kind);
        Assert.True(failure.NothingSent);
        Assert.Contains(reason, failure.Message);
        if (state != "shape")
            Assert.IsType<MessagesDriverException>(probe);
        Assert.Equal(0L, sim.MessageCount());
    }

    [Fact]
    public async Task TheProbe_PassesOnAHealthyTree_WithoutActing()
    {
        var (sim, _) = OneChat();
        using var __ = sim;

        await sim.Accessibility().ProbeAsync(CancellationToken.None);

        Assert.Empty(sim.Ui.Events);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    public async Task TitlesAreResolvedAtRunTime_InTheUsersLanguage(string locale)
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = MacVersion.V15;      // "React" is localised before 26 (26 says "Tapback" everywhere)
        sim.Ui.Locale = locale;
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var target = sim.Db.ReceiveText(chat, "+15554440001", "hallo");

        await sim.Accessibility().SendTapbackAsync(new MessageTarget(new ChatTarget(chat.Guid), target.Guid, 0), ReactionType.Question, false,
            CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount("associated_message_type = 2005"));
    }

    [Fact]
    public async Task WithoutMessagesOwnTables_AForeignUi_FailsClosed()
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Version = MacVersion.V15;
        sim.Ui.Locale = "de";
        sim.Ui.Faults.NoLocalisedStrings = true;
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var target = sim.Db.ReceiveText(chat, "+15554440001", "hallo");

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().SendTapbackAsync(
            new MessageTarget(new ChatTarget(chat.Guid), target.Guid, 0), ReactionType.Love, false, CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.Equal(0L, sim.MessageCount("associated_message_type <> 0"));
    }
}

/// <summary>The fake itself is strict: blind input does the wrong thing, visibly.</summary>
public sealed class FakeStrictnessTests
{
    [Fact]
    public void AShortcutTapback_LandsOnTheLatestIncomingMessage_NotTheChosenOne()
    {
        using var sim = new SimulatedMessages();
        sim.Ui.Settle.Scale = 0;
        var chat = sim.Db.EnsureDirectChat("+15554440001");
        var chosen = sim.Db.ReceiveText(chat, "+15554440001", "the one meant");
        var latest = sim.Db.ReceiveText(chat, "+15554440001", "latest");
        sim.Ui.OpenUrl("imessage:open?message-guid=" + chosen.Guid);

        sim.Ui.PostKeys("cmd+t");
        sim.Ui.PostKeys("1");

        Assert.Equal(1L, sim.MessageCount($"associated_message_guid = 'p:0/{latest.Guid}'"));
        Assert.Equal(0L, sim.MessageCount($"associated_message_guid = 'p:0/{chosen.Guid}'"));
    }

    [Fact]
    public void TextInAnUnfocusedComposeField_IsSentToTheChatShown()
    {
        using var sim = new SimulatedMessages();
        var meant = sim.Db.EnsureDirectChat("+15554440001");
        var shown = sim.Db.EnsureDirectChat("+15554440009");
        sim.Ui.ShowChat(shown.Guid);
        sim.Ui.SetDraft(shown.Guid, "an address typed blind");

        sim.Ui.PostReturn();

        Assert.Equal(1L, (long)sim.Db.Scalar(
            "SELECT COUNT(*) FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID WHERE j.chat_id = $c AND m.is_from_me = 1",
            ("$c", shown.RowId))!);
        Assert.Equal(0L, (long)sim.Db.Scalar("SELECT COUNT(*) FROM chat_message_join WHERE chat_id = $c", ("$c", meant.RowId))!);
    }
}
