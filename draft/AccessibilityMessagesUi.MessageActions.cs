namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Reply, edit and unsend on one message, on the same guards as tapbacks: the message is reached only through its
/// message-guid link and the one cell that link selects (the tree carries no message identity), re-verified just
/// before acting; the conversation is proven by its To-field and title; text goes only into a verified field; what an
/// action opens (the reply overlay, the editor) is closed on every path. Only part 0 is reachable: the tree has no
/// part identity.
/// </summary>
public sealed partial class AccessibilityMessagesUi
{
    /// <inheritdoc />
    public Task ReplyAsync(MessageTarget message, string text, CancellationToken cancellationToken, Action? beforeAct = null)
    {
        RequireFirstPart(message, "replies");
        var link = MessagesDeepLink.ForMessage(message.MessageGuid);
        var expected = Expect(message.Chat);
        return RunAsync(async (s, ct) =>
        {
            var cell = await SelectMessageAsync(s, link, expected, ct);
            // Beeper's non-overlay path: the cell's own Reply action opens the reply overlay for exactly this cell
            // (the overlay=1 link did not reveal it on 26.0, Beeper d0c1f2a).
            var action = s.Nav.CustomAction(cell.Element, AxStringKey.ReplyAction)
                ?? throw AxFailures.Shape("the message offers no Reply action (some message types cannot be replied to)");
            cell = await ReverifyAsync(s, cell, ct);
            s.Change(() => cell.Element.PerformAction(action));
            var overlay = await s.Nav.WaitForAsync(() => s.Nav.MainWindow() is { } w ? s.Nav.ReplyTranscript(w) : null, s.Nav.Timings.OverlayTimeout, ct)
                ?? throw AxFailures.Shape("the reply overlay did not open");
            if (cell.Text is not null && OverlayText(s, overlay) != cell.Text)
                throw AxFailures.Wrong("the reply overlay shows another message than the target");
            await SendReplyAsync(s, expected, cell.Text, text, ct);
            await CloseOverlayAsync(s, ct);
        }, beforeAct, cancellationToken);
    }

    /// <inheritdoc />
    public Task EditAsync(MessageTarget message, string newText, CancellationToken cancellationToken, Action? beforeAct = null)
    {
        RequireFirstPart(message, "edits");
        var link = MessagesDeepLink.ForMessage(message.MessageGuid);
        var expected = Expect(message.Chat);
        return RunAsync(async (s, ct) =>
        {
            await CancelLeftoverEditAsync(s, ct);
            var cell = await SelectMessageAsync(s, link, expected, ct);
            // Messages offers Edit only on the owner's own messages within 15 minutes and 5 edits: its absence is the limit.
            var action = s.Nav.CustomAction(cell.Element, AxStringKey.EditAction)
                ?? throw AxFailures.Shape("the message offers no Edit action (not yours, older than 15 minutes, edited 5 times, or a macOS "
                    + "version that offers it only in the context menu, which is unproven)");
            cell = await ReverifyAsync(s, cell, ct);
            s.Change(() => cell.Element.PerformAction(action));
            var editor = await s.Nav.WaitForAsync(() => FindEditor(s), s.Nav.Timings.OverlayTimeout, ct)
                ?? throw AxFailures.Shape("the message editor did not open");
            s.OpenedPopup = editor.Root;        // AXCancel on it cancels the edit (cleanup, every path)
            // The editor starts with the message's current text: anything else is another message's editor.
            if (cell.Text is not null && editor.Field.Value != cell.Text)
                throw AxFailures.Wrong("the editor that opened holds another message's text");
            s.Change(() => editor.Field.SetValue(newText));
            if (!await s.Nav.WaitUntilAsync(() => editor.Field.Value == newText, s.Nav.Timings.ValueTimeout, ct))
                throw AxFailures.Shape("the editor did not take the new text");
            RequireConversation(s, expected);
            // "Send edit" pressed as an element: a Return could land in the compose field and send the text as a new message.
            s.Commit(() => editor.Confirm.PerformAction(AxNames.Press));
            if (!await s.Nav.WaitUntilAsync(() => FindEditor(s) is null, s.Nav.Timings.SendTimeout, ct))
                throw AxFailures.Ambiguous("Send edit was pressed but the editor stayed open");
            s.OpenedPopup = null;
        }, beforeAct, cancellationToken);
    }

    /// <inheritdoc />
    public Task UnsendAsync(MessageTarget message, CancellationToken cancellationToken, Action? beforeAct = null)
    {
        RequireFirstPart(message, "unsends");
        var link = MessagesDeepLink.ForMessage(message.MessageGuid);
        var expected = Expect(message.Chat);
        return RunAsync(async (s, ct) =>
        {
            var cell = await SelectMessageAsync(s, link, expected, ct);
            // Offered on the owner's own messages for 2 minutes (Beeper undoSend): its absence is the limit.
            var action = s.Nav.CustomAction(cell.Element, AxStringKey.UndoSendAction)
                ?? throw AxFailures.Shape("the message offers no Undo Send action (not yours, or sent more than 2 minutes ago)");
            cell = await ReverifyAsync(s, cell, ct);
            RequireConversation(s, expected);
            s.Commit(() => cell.Element.PerformAction(action));
        }, beforeAct, cancellationToken);
    }

    private static void RequireFirstPart(MessageTarget message, string what)
    {
        if (message.PartIndex != 0)
            throw AxFailures.Unavailable($"{what} on a part other than the first are not proven on any macOS version (the tree has no part identity).");
    }

    /// <summary>The window still shows the expected conversation (To-field addresses, title), whatever overlay or editor is up.</summary>
    private static void RequireConversation(AxSession s, ExpectedConversation expected)
    {
        var window = s.Nav.MainWindow();
        var shown = window is null ? null : s.Nav.ToFieldAddresses(window);
        if (shown is null || !AddressMatch.SameSet(shown, expected.Addresses)
            || (expected.Title is { } title && window!.Title is { } windowTitle && windowTitle != title))
            throw AxFailures.Wrong($"Messages no longer shows {expected.Name}");
    }

    private static string? OverlayText(AxSession s, IAxElement overlay) =>
        s.Nav.Find(overlay, e => e.Identifier == "CKBalloonTextView")?.Value;

    /// <summary>
    /// The compose field in reply mode (its placeholder is no longer the plain "iMessage"/"Text Message", Beeper) takes
    /// the text and Return, after re-proving that the overlay still shows the target and the conversation is the target.
    /// </summary>
    private static async Task SendReplyAsync(AxSession s, ExpectedConversation expected, string? targetText, string text, CancellationToken ct)
    {
        var plain = s.Nav.Titles(AxStringKey.IMessagePlaceholder).Concat(s.Nav.Titles(AxStringKey.TextMessagePlaceholder)).ToList();
        var field = await s.Nav.WaitForAsync(() => s.Nav.MainWindow() is { } w && s.Nav.ComposeField(w) is { } f
                && f.GetString(AxNames.PlaceholderValue) is { } p && !plain.Contains(p) ? f : null, s.Nav.Timings.OverlayTimeout, ct)
            ?? throw AxFailures.Shape("the compose field did not switch to the reply field");
        if ((field.Value ?? "").Length > 0)
            throw AxFailures.Unavailable("the reply field holds a draft; sending now would send it too.");
        s.Change(() => field.SetValue(text));
        s.Draft = (field, text);
        if (!await s.Nav.WaitUntilAsync(() => field.Value == text, s.Nav.Timings.ValueTimeout, ct))
            throw AxFailures.Shape("the reply field did not take the text");
        field.Focus();
        if (!await s.Nav.WaitUntilAsync(() => s.App.FocusedElement is { } f && f.IsSameAs(field), s.Nav.Timings.ValueTimeout, ct))
            throw AxFailures.Wrong("the keyboard focus is not in the reply field, so Return is not pressed");
        RequireConversation(s, expected);
        if (s.Nav.MainWindow() is not { } window || s.Nav.ReplyTranscript(window) is not { } overlay
            || (targetText is not null && OverlayText(s, overlay) != targetText))
            throw AxFailures.Wrong("the reply overlay closed or changed before Return");
        s.Commit(s.App.PostReturn);
        if (!await s.Nav.WaitUntilAsync(() => string.IsNullOrEmpty(field.Value), s.Nav.Timings.SendTimeout, ct))
            throw AxFailures.Ambiguous("Return was pressed but the reply field did not empty");
        s.Draft = null;
    }

    /// <summary>The message editor: the group holding the "Send edit" button, its text field and "Cancel edit".</summary>
    private sealed record Editor(IAxElement Root, IAxElement Field, IAxElement Confirm);

    private static Editor? FindEditor(AxSession s)
    {
        if (s.Nav.MainWindow() is not { } window)
            return null;
        var confirm = s.Nav.Titles(AxStringKey.EditConfirm);
        var root = s.Nav.Find(window, e => e.Children.Any(c => c.Role == AxNames.RoleButton && confirm.Contains(c.Description ?? "")));
        if (root is null)
            return null;
        var children = root.Children;
        var field = children.FirstOrDefault(c => c.Role == AxNames.RoleTextField);
        var button = children.First(c => c.Role == AxNames.RoleButton && confirm.Contains(c.Description ?? ""));
        return field is null ? null : new Editor(root, field, button);
    }

    /// <summary>Beeper presses "Cancel edit" first: an editor left open (by a person or a failed run) would take the new text.</summary>
    private static async Task CancelLeftoverEditAsync(AxSession s, CancellationToken ct)
    {
        if (FindEditor(s) is not { } leftover)
            return;
        var cancel = s.Nav.Titles(AxStringKey.EditCancel);
        var button = leftover.Root.Children.FirstOrDefault(c => c.Role == AxNames.RoleButton && cancel.Contains(c.Description ?? ""))
            ?? throw AxFailures.Shape("an editor is open without a Cancel edit button");
        s.Change(() => button.PerformAction(AxNames.Press));
        if (!await s.Nav.WaitUntilAsync(() => FindEditor(s) is null, s.Nav.Timings.OverlayTimeout, ct))
            throw AxFailures.Shape("an editor left open did not close");
    }
}
