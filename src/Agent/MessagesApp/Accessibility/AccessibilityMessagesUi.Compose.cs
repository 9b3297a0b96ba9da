namespace LineAgent.Agent.MessagesApp.Accessibility;

public sealed partial class AccessibilityMessagesUi
{
    /// <inheritdoc />
    public Task SendRichLinkAsync(SendTarget target, string url, CancellationToken cancellationToken, Action? beforeAct = null) =>
        RunAsync(async (s, ct) =>
        {
            var shown = await ShowConversationAsync(s, target, ct);
            await SendThroughComposeAsync(s, shown, url, ct);
        }, beforeAct, cancellationToken);

    /// <inheritdoc />
    public Task CreateGroupAsync(IReadOnlyList<string> addresses, string firstMessage, CancellationToken cancellationToken, Action? beforeAct = null) =>
        RunAsync(async (s, ct) =>
        {
            var shown = new ExpectedConversation("a new conversation", addresses, null);
            await OpenAndProveAsync(s, MessagesDeepLink.ForNewGroup(addresses), shown, ct);
            await SendThroughComposeAsync(s, shown, firstMessage, ct);
        }, beforeAct, cancellationToken);

    /// <inheritdoc />
    public Task SetTypingAsync(SendTarget target, bool typing, CancellationToken cancellationToken, Action? beforeAct = null) =>
        RunAsync(async (s, ct) =>
        {
            var shown = await ShowConversationAsync(s, target, ct);
            var window = await s.MainWindowAsync(ct);
            var field = s.Nav.ComposeField(window) ?? throw AxFailures.Shape("no compose field");
            var draft = field.Value ?? "";
            // Beeper: a single space starts the indicator and cannot be sent by accident; clearing the field stops it.
            // Only our own space is ever cleared: anything else is someone's draft, and it is never touched.
            if (typing)
            {
                if (draft.Length > 0)
                    throw AxFailures.Unavailable("the compose field of this conversation holds a draft; typing is not shown over it.");
                s.Change(() => field.SetValue(TypingMarker));
                if (!await s.Nav.WaitUntilAsync(() => field.Value == TypingMarker, s.Nav.Timings.ValueTimeout, ct))
                    throw AxFailures.Shape("the compose field did not take the typing marker");
            }
            else if (draft == TypingMarker)
            {
                RequireShown(s, shown);
                s.Change(() => field.SetValue(""));
            }
            else if (draft.Length > 0)
                throw AxFailures.Unavailable("the compose field holds a draft that is not the agent's; it is left alone.");
        }, beforeAct, cancellationToken);

    /// <summary>The compose value that shows the typing indicator (Beeper: a space, never sent by Return alone).</summary>
    public const string TypingMarker = " ";

    /// <summary>What the window must show for a conversation: its To-field addresses (exact set) and, for named groups, its title.</summary>
    private sealed record ExpectedConversation(string Name, IReadOnlyList<string> Addresses, string? Title);

    /// <summary>
    /// Proves the conversation of <paramref name="target"/> is shown, opening it by deep link only when it is not: a
    /// link to the conversation already shown changes nothing visible, so its settling could not be observed and it
    /// could land in the middle of the action (resetting focus, closing what the action opened).
    /// </summary>
    private async Task<ExpectedConversation> ShowConversationAsync(AxSession s, SendTarget target, CancellationToken ct)
    {
        var expected = Expect(target);
        await CloseOverlayAsync(s, ct);
        if (!IsShown(s, expected))
            await OpenAndProveAsync(s, MessagesDeepLink.ForConversation(target), expected, ct);
        return expected;
    }

    private ExpectedConversation Expect(SendTarget target)
    {
        switch (target)
        {
            case HandleTarget h:
                return new ExpectedConversation(h.Handle, [h.Handle], null);
            case ChatTarget { IsGroup: false } c:
                return new ExpectedConversation(c.ChatGuid, [c.Identifier], null);
            case ChatTarget c:
                var facts = directory.Find(c.ChatGuid) ?? throw AxFailures.Wrong($"the group {c.ChatGuid} is not in chat.db");
                if (facts.Participants.Count == 0)
                    throw AxFailures.Wrong($"chat.db lists no members for {c.ChatGuid}, so the group cannot be recognised in the UI");
                return new ExpectedConversation(c.ChatGuid, facts.Participants, facts.DisplayName);
            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    /// <summary>
    /// Closes a reply overlay left open (Beeper: "needed even when opening deep link"), opens the link, then waits until
    /// the window proves the expected conversation (Beeper ensureSelectedThread: To-field addresses, window title).
    /// </summary>
    private static async Task OpenAndProveAsync(AxSession s, string link, ExpectedConversation expected, CancellationToken ct)
    {
        await CloseOverlayAsync(s, ct);
        s.Change(() => s.App.OpenUrl(link));
        if (!await s.Nav.WaitUntilAsync(() => IsShown(s, expected), s.Nav.Timings.ConversationTimeout, ct))
            throw AxFailures.Wrong($"Messages did not show {expected.Name} after opening it (another conversation, a compose cell or an unexpected window is shown)");
    }

    /// <summary>Closes the reply-transcript overlay if it is shown and waits until it is gone; fails closed if it stays.</summary>
    internal static async Task CloseOverlayAsync(AxSession s, CancellationToken ct)
    {
        var window = await s.MainWindowAsync(ct);
        if (s.Nav.ReplyTranscript(window) is not { } overlay)
            return;
        s.Change(() => overlay.PerformAction(AxNames.Cancel));
        if (!await s.Nav.WaitUntilAsync(() => s.Nav.MainWindow() is { } w && s.Nav.ReplyTranscript(w) is null, s.Nav.Timings.OverlayTimeout, ct))
            throw AxFailures.Shape("the reply overlay did not close");
    }

    /// <summary>The window shows the expected conversation, with the plain compose field (not a reply or edit field).</summary>
    private static bool IsShown(AxSession s, ExpectedConversation expected)
    {
        var window = s.Nav.MainWindow();
        if (window is null || s.Nav.ReplyTranscript(window) is not null)
            return false;
        if (s.Nav.ToFieldAddresses(window) is not { } shown || !AddressMatch.SameSet(shown, expected.Addresses))
            return false;
        if (expected.Title is { } title && window.Title is { } windowTitle && windowTitle != title)
            return false;
        var field = s.Nav.ComposeField(window);
        if (field?.Role != AxNames.RoleTextArea)
            return false;
        var placeholder = field.GetString(AxNames.PlaceholderValue);
        return placeholder is null || s.Nav.Titles(AxStringKey.IMessagePlaceholder).Contains(placeholder)
            || s.Nav.Titles(AxStringKey.TextMessagePlaceholder).Contains(placeholder);
    }

    private static void RequireShown(AxSession s, ExpectedConversation expected)
    {
        if (!IsShown(s, expected))
            throw AxFailures.Wrong($"Messages no longer shows {expected.Name}");
    }

    /// <summary>
    /// Puts <paramref name="text"/> into the verified compose field of the shown conversation and presses Return, only
    /// after re-proving, just before, that the field has focus and the conversation is still the target. Refuses a
    /// field that holds someone's draft (it would be sent along). Never presses Return twice.
    /// </summary>
    private static async Task SendThroughComposeAsync(AxSession s, ExpectedConversation expected, string text, CancellationToken ct)
    {
        var window = await s.MainWindowAsync(ct);
        var field = s.Nav.ComposeField(window) ?? throw AxFailures.Shape("no compose field");
        if ((field.Value ?? "").Length > 0)
            throw AxFailures.Unavailable("the compose field of this conversation holds a draft; sending now would send it too.");
        s.Change(() => field.SetValue(text));
        s.Draft = (field, text);
        if (!await s.Nav.WaitUntilAsync(() => field.Value == text, s.Nav.Timings.ValueTimeout, ct))
            throw AxFailures.Shape("the compose field did not take the text");
        field.Focus();
        if (!await s.Nav.WaitUntilAsync(() => s.App.FocusedElement is { } f && f.IsSameAs(field), s.Nav.Timings.ValueTimeout, ct))
            throw AxFailures.Wrong("the keyboard focus is not in the compose field of the target conversation, so Return is not pressed");
        RequireShown(s, expected);
        s.Commit(s.App.PostReturn);
        if (!await s.Nav.WaitUntilAsync(() => string.IsNullOrEmpty(field.Value), s.Nav.Timings.SendTimeout, ct))
            throw AxFailures.Ambiguous("Return was pressed but the compose field did not empty");
        s.Draft = null;
    }
}
