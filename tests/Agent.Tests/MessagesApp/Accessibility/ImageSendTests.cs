using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.MessagesApp.Accessibility;
using LineAgent.Agent.MessagesApp.Accessibility.Remote;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeMessages.Ax;

namespace LineAgent.Agent.Tests.MessagesApp.Accessibility;

/// <summary>
/// Several images as one send through the real driver: file URLs on the (simulated) general pasteboard, Cmd-V into the
/// verified compose field, one Return; the user's pasteboard put back. The fake pastes into whatever has focus and
/// sends whatever the shown conversation's field holds, so a blind paste lands visibly in the wrong place.
/// </summary>
public sealed class ImageSendTests
{
    private const string Peer = "+15554440001";
    private const string HumanClipboard = "the user's copied text";

    private static (SimulatedMessages Sim, ChatTarget Chat, List<string> Files) Setup(int files)
    {
        var sim = new SimulatedMessages();
        var chat = sim.Db.EnsureDirectChat(Peer);
        Directory.CreateDirectory(sim.Directory.File("staged"));
        var paths = Enumerable.Range(0, files).Select(i =>
        {
            var path = sim.Directory.File($"staged/photo{i}.jpg");
            File.WriteAllBytes(path, [(byte)i, 1, 2]);
            return path;
        }).ToList();
        sim.Ui.CopyText(HumanClipboard);
        return (sim, new ChatTarget(chat.Guid), paths);
    }

    /// <summary>The transfer names of the own rows in the chat, in row order, one list per row.</summary>
    private static List<List<string>> OwnRows(SimulatedMessages sim, string chatGuid)
    {
        var rows = sim.Db.Query("""
            SELECT m.ROWID, COALESCE(a.transfer_name, '') FROM message m
            JOIN chat_message_join cj ON cj.message_id = m.ROWID JOIN chat c ON c.ROWID = cj.chat_id
            LEFT JOIN message_attachment_join aj ON aj.message_id = m.ROWID LEFT JOIN attachment a ON a.ROWID = aj.attachment_id
            WHERE c.guid = $g AND m.is_from_me = 1 ORDER BY m.ROWID, a.ROWID
            """, ("$g", chatGuid));
        return rows.GroupBy(r => Convert.ToInt64(r[0])).Select(g => g.Select(r => (string)r[1]!).ToList()).ToList();
    }

    public static TheoryData<MacVersion, int> VersionsAndCounts => new()
    {
        { MacVersion.V13, 2 }, { MacVersion.V14, 3 }, { MacVersion.V15, 3 }, { MacVersion.V26, 1 }, { MacVersion.V26, AccessibilityMessagesUi.MaxImagesPerSend },
    };

    [Theory]
    [MemberData(nameof(VersionsAndCounts))]
    public async Task Images_GoOutAsOneSend_AsConsecutiveRowsInTheTarget_AndThePasteboardIsPutBack(MacVersion version, int count)
    {
        var (sim, chat, files) = Setup(count);
        using var _ = sim;
        sim.Ui.Version = version;
        var other = sim.Db.EnsureDirectChat("+15554440009");
        sim.Ui.ShowChat(other.Guid);                         // another conversation is on screen

        await sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None);

        Assert.Equal(files.Select(f => new List<string> { Path.GetFileName(f) }), OwnRows(sim, chat.ChatGuid));
        Assert.Equal(1, sim.Ui.Events.Count(e => e == "paste"));
        Assert.Equal(1, sim.Ui.Events.Count(e => e == "return"));
        Assert.Empty(OwnRows(sim, other.Guid));
        Assert.Empty(sim.Ui.DraftFiles(chat.ChatGuid));
        Assert.Equal(HumanClipboard, sim.Ui.PasteboardText);
    }

    [Fact]
    public async Task AnotherChatShownAfterTheLink_IsRefusedBeforeThePaste()
    {
        var (sim, chat, files) = Setup(2);
        using var _ = sim;
        var other = sim.Db.EnsureDirectChat("+15554440009");
        sim.Ui.Faults.NextLinkShowsChat = other.Guid;

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None));

        Assert.Equal(MessagesFailureKind.WrongConversation, failure.Kind);
        Assert.True(failure.NothingSent);
        Assert.DoesNotContain("paste", sim.Ui.Events);
        Assert.DoesNotContain("pasteboard files", sim.Ui.Events);
        Assert.Empty(sim.Ui.DraftFiles(other.Guid));
        Assert.Equal(0L, sim.MessageCount());
        Assert.Equal(HumanClipboard, sim.Ui.PasteboardText);
    }

    [Fact]
    public async Task AHumansDraft_IsRefused_AndLeftAlone()
    {
        var (sim, chat, files) = Setup(2);
        using var _ = sim;
        sim.Ui.SetDraft(chat.ChatGuid, "half-written");

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.Contains("draft", failure.Message);
        Assert.Equal("half-written", sim.Ui.Draft(chat.ChatGuid));
        Assert.Empty(sim.Ui.DraftFiles(chat.ChatGuid));
        Assert.DoesNotContain("paste", sim.Ui.Events);
        Assert.Equal(0L, sim.MessageCount());
        Assert.Equal(HumanClipboard, sim.Ui.PasteboardText);
    }

    [Fact]
    public async Task APasteThatDoesNotTake_SendsNothing_PressesNoReturn_AndPutsThePasteboardBack()
    {
        var (sim, chat, files) = Setup(3);
        using var _ = sim;
        sim.Ui.Faults.PasteIgnored = true;

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.Contains("did not show the 3 pasted files", failure.Message);
        Assert.Contains("paste", sim.Ui.Events);
        Assert.DoesNotContain("return", sim.Ui.Events);
        Assert.Equal(0L, sim.MessageCount());
        Assert.Equal(HumanClipboard, sim.Ui.PasteboardText);
    }

    [Fact]
    public async Task FocusOutsideTheComposeField_IsRefusedBeforeThePaste_SoNothingLandsInTheSearchField()
    {
        var (sim, chat, files) = Setup(2);
        using var _ = sim;
        sim.Ui.Faults.FocusStolen = true;

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None));

        Assert.Equal(MessagesFailureKind.WrongConversation, failure.Kind);
        Assert.DoesNotContain("paste", sim.Ui.Events);
        Assert.Equal("", sim.Ui.SearchText);
        Assert.Equal(0L, sim.MessageCount());
        Assert.Equal(HumanClipboard, sim.Ui.PasteboardText);
    }

    [Fact]
    public async Task ACopyByTheUserAfterTheWrite_StopsThePaste_AndIsNotOverwritten()
    {
        var (sim, chat, files) = Setup(2);
        using var _ = sim;
        sim.Ui.Faults.HumanCopiesAfterWrite = "copied just now";

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None));

        Assert.True(failure.NothingSent);
        Assert.DoesNotContain("paste", sim.Ui.Events);
        Assert.Equal("copied just now", sim.Ui.PasteboardText);
        Assert.Equal(0L, sim.MessageCount());
    }

    [Fact]
    public async Task APasteboardThatCannotBeReadWithoutAPrompt_IsNotRead_AndSoNotRestored()
    {
        var (sim, chat, files) = Setup(2);
        using var _ = sim;
        sim.Ui.Faults.PasteboardPrivate = true;

        await sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None);

        Assert.Equal(2, OwnRows(sim, chat.ChatGuid).Count);
        Assert.Null(sim.Ui.PasteboardText);                  // the files replaced it: documented in the capability's reason
        Assert.Equal(2, sim.Ui.PasteboardItems.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AccessibilityMessagesUi.MaxImagesPerSend + 1)]
    public async Task OutsideOneToTheMaximum_IsRejectedBeforeTouchingAnything(int count)
    {
        var (sim, chat, files) = Setup(count);
        using var _ = sim;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sim.Accessibility().SendImagesAsync(chat, files, CancellationToken.None));

        Assert.Empty(sim.Ui.Events);
    }

    [Fact]
    public void TheFieldShowsTheFiles_OnlyAsExactlyOneObjectReplacementCharacterEach()
    {
        Assert.True(AccessibilityMessagesUi.ShowsFiles("\uFFFC\n\uFFFC\n", 2));
        Assert.True(AccessibilityMessagesUi.ShowsFiles("\uFFFC\uFFFC", 2));
        Assert.False(AccessibilityMessagesUi.ShowsFiles("\uFFFC\n", 2));              // one of two took
        Assert.False(AccessibilityMessagesUi.ShowsFiles("/tmp/a.jpg \uFFFC", 1));     // text pasted too (a link on Big Sur)
        Assert.False(AccessibilityMessagesUi.ShowsFiles(null, 1));
    }

    [Fact]
    public async Task TheFake_PunishesABlindPaste_ItLandsInTheShownChatOrTheFocusedSearchField()
    {
        var (sim, chat, files) = Setup(2);
        using var _ = sim;
        var other = sim.Db.EnsureDirectChat("+15554440009");
        sim.Ui.ShowChat(other.Guid);
        using var app = new RemoteAxConnector(sim.AxSocket).Connect();

        // Files on the pasteboard, Cmd-V and Return without proving anything: they go to the conversation on screen.
        app.Pasteboard.WriteFileUrls(files);
        app.PostPaste();
        app.PostReturn();
        Assert.Equal(2, OwnRows(sim, other.Guid).Count);
        Assert.Empty(OwnRows(sim, chat.ChatGuid));

        // With the focus in the sidebar search, the paste lands there as text.
        sim.Ui.Faults.FocusStolen = true;
        new AxNavigator(app, SimulatedMessages.FastTimings(), TimeProvider.System).ComposeField(app.Windows[0])!.Focus();
        app.PostPaste();
        Assert.Contains("photo0.jpg", sim.Ui.SearchText);
        Assert.Empty(sim.Ui.DraftFiles(other.Guid));
    }
}
