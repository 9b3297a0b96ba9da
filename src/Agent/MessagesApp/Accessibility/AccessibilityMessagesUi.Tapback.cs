using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.MessagesApp.Accessibility;

public sealed partial class AccessibilityMessagesUi
{
    /// <summary>The picker buttons' identifiers on 15+ (Beeper Reaction.swift).</summary>
    private static string PickerId(ReactionType kind) => kind switch
    {
        ReactionType.Love => "heart",
        ReactionType.Like => "thumbsUp",
        ReactionType.Dislike => "thumbsDown",
        ReactionType.Laugh => "ha",
        ReactionType.Emphasize => "exclamation",
        ReactionType.Question => "questionMark",
        _ => throw new ArgumentException($"{kind} tapbacks cannot be sent through the Tapback picker.", nameof(kind)),
    };

    /// <inheritdoc />
    public Task SendTapbackAsync(MessageTarget message, ReactionType kind, bool remove, CancellationToken cancellationToken, Action? beforeAct = null)
    {
        var pickerId = PickerId(kind);
        if (message.PartIndex != 0)
            throw AxFailures.Unavailable(MessagesProbeResult.TapbacksFirstPartOnly);
        var link = MessagesDeepLink.ForMessage(message.MessageGuid);
        var expected = Expect(message.Chat);
        return RunAsync(async (s, ct) =>
        {
            var cell = await SelectMessageAsync(s, link, expected, ct);
            var action = s.Nav.CustomAction(cell.Element, AxStringKey.TapbackAction)
                ?? throw AxFailures.Shape("the message offers no Tapback/React action (some message types cannot be reacted to)");
            cell = await ReverifyAsync(s, cell, ct);
            // Performed once: a second time closes the picker again (Beeper).
            s.Change(() => cell.Element.PerformAction(action));
            var picker = await s.Nav.WaitForAsync(() => FindPicker(s, kind, pickerId), s.Nav.Timings.PickerTimeout, ct)
                ?? throw AxFailures.Shape("the tapback picker did not appear");
            s.OpenedPopup = picker.Root;
            var wanted = !remove;
            // Tapbacks toggle: the picker shows this account's current tapback. Plan from it, never press blind.
            if (picker.Button.IsSelected == wanted)
                throw AxFailures.Unavailable(remove
                    ? "this line has no such tapback on the message; there is nothing to remove."
                    : "this line already left that tapback on the message; pressing again would remove it.");
            s.Commit(() => picker.Button.PerformAction(AxNames.Press));
            if (!await s.Nav.WaitUntilAsync(() => FindPicker(s, kind, pickerId) is not { } p || p.Button.IsSelected == wanted,
                    s.Nav.Timings.PickerTimeout, ct))
                throw AxFailures.Ambiguous("the tapback was pressed but the picker did not show it");
        }, beforeAct, cancellationToken);
    }

    /// <summary>A message cell and what identified it when found: re-checked just before acting.</summary>
    private sealed record MessageCell(IAxElement Container, IAxElement Element, string? Description, string? Text, AxRect Frame);

    /// <summary>
    /// Clears a leftover overlay, opens the message-guid link, proves the conversation, and finds the one selected
    /// message cell in the viewport (Beeper withMessageCell / firstSelectedMessageCell). The tree carries no message
    /// identity: the selection the link makes is the only link between the GUID and a cell.
    /// </summary>
    private static async Task<MessageCell> SelectMessageAsync(AxSession s, string link, ExpectedConversation expected, CancellationToken ct)
    {
        await CloseOverlayAsync(s, ct);
        await ClearSelectionAsync(s, ct);
        await OpenAndProveAsync(s, link, expected, ct);
        return await s.Nav.WaitForAsync(() => SelectedCell(s), s.Nav.Timings.MessageCellTimeout, ct)
            ?? throw AxFailures.Wrong("Messages did not select the target message in the visible transcript");
    }

    /// <summary>
    /// blip's guard: press the compose field so no message is selected before the link, then the selected cell can
    /// only be the link's (and its appearance proves the link has settled). Fails closed if a selection stays.
    /// </summary>
    private static async Task ClearSelectionAsync(AxSession s, CancellationToken ct)
    {
        if (SelectedCell(s) is null && !AnySelected(s))
            return;
        var window = await s.MainWindowAsync(ct);
        var field = s.Nav.ComposeField(window) ?? throw AxFailures.Shape("no compose field");
        s.Change(() => field.PerformAction(AxNames.Press));
        if (!await s.Nav.WaitUntilAsync(() => !AnySelected(s), s.Nav.Timings.ValueTimeout, ct))
            throw AxFailures.Shape("a message stays selected after pressing the compose field");
    }

    private static bool AnySelected(AxSession s)
    {
        var window = s.Nav.MainWindow();
        var transcript = window is null ? null : s.Nav.Transcript(window);
        return transcript is not null && transcript.Children.Any(c => c.Children.FirstOrDefault()?.IsSelected == true);
    }

    private static MessageCell? SelectedCell(AxSession s)
    {
        var window = s.Nav.MainWindow();
        var transcript = window is null ? null : s.Nav.Transcript(window);
        if (transcript is null)
            return null;
        var selected = new List<MessageCell>();
        foreach (var container in transcript.Children)
        {
            // The message cell is the container's first child ("selectedChildren won't work here": Beeper).
            var cell = container.Children.FirstOrDefault();
            if (cell is null || !cell.IsSelected)
                continue;
            if (cell.Frame is not { } frame)
                return null;                 // selected but outside the viewport: wait for the scroll
            var text = s.Nav.Find(cell, e => e.Identifier == "CKBalloonTextView")?.Value;
            var description = container.Description;
            // Read again after the other reads: a re-render in between (a message arriving) makes this place hold
            // the neighbour, and the description and text just read would be the neighbour's.
            if (!cell.IsSelected || cell.Frame != frame)
                return null;
            selected.Add(new MessageCell(container, cell, description, text, frame));
        }
        // Exactly one: two selected cells means the selection is not the link's.
        return selected.Count == 1 ? selected[0] : null;
    }

    /// <summary>
    /// Re-reads the cell just before acting: still selected, same description, text and frame. A scroll between find
    /// and act renumbers rows (the same handle then names the neighbour, blip 26.6): then it looks again and accepts
    /// only a cell with the same description and text, stable over two reads.
    /// </summary>
    private static async Task<MessageCell> ReverifyAsync(AxSession s, MessageCell found, CancellationToken ct)
    {
        if (Same(found, Reread(found)))
            return found;
        var again = await s.Nav.WaitForAsync(() => SelectedCell(s) is { } c && c.Description == found.Description && c.Text == found.Text
                && Same(c, Reread(c)) ? c : null, s.Nav.Timings.MessageCellTimeout, ct);
        return again ?? throw AxFailures.Wrong("the target message moved or changed between finding it and acting on it");
    }

    private static MessageCell? Reread(MessageCell cell)
    {
        try
        {
            if (!cell.Element.IsSelected || cell.Element.Frame is not { } frame)
                return null;
            return cell with { Description = cell.Container.Description, Text = FindText(cell.Element), Frame = frame };
        }
        catch (AxException ex) when (ex.Error is AxError.InvalidUIElement)
        {
            return null;
        }
    }

    private static string? FindText(IAxElement cell) =>
        cell.Children.FirstOrDefault(c => c.Identifier == "CKBalloonTextView")?.Value
        ?? cell.Children.SelectMany(c => c.Children).FirstOrDefault(c => c.Identifier == "CKBalloonTextView")?.Value;

    private static bool Same(MessageCell a, MessageCell? b) =>
        b is not null && a.Description == b.Description && a.Text == b.Text && a.Frame == b.Frame;

    /// <summary>The open picker and the button for the kind: 15+ by identifier; 11–14 the six buttons by position, checked by title.</summary>
    private sealed record Picker(IAxElement Root, IAxElement Button);

    private static Picker? FindPicker(AxSession s, ReactionType kind, string pickerId)
    {
        var window = s.Nav.MainWindow();
        if (window is null)
            return null;
        if (s.Nav.ById(window, AxNavigator.TapbackPickerId) is { } collection)
            return collection.Children.FirstOrDefault(c => c.Identifier == pickerId) is { } button ? new Picker(collection, button) : null;
        // 11–14 (Beeper reactButtons): while the picker is up, the content group's first child holds the buttons in
        // the order Heart … Question mark. The position is cross-checked with the button's localised title.
        var first = s.Nav.ContentFirstChild(window);
        var buttons = first?.Children.Where(c => c.Role == AxNames.RoleButton).ToList();
        if (buttons is null || buttons.Count < 6)
            return null;
        var candidate = buttons[(int)kind];
        var titles = s.Nav.Titles(AxStringKey.TapbackKind(kind));
        return titles.Contains(candidate.Description ?? "") ? new Picker(first!, candidate) : null;
    }
}
