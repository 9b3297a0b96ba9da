namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Mark read and rename, on the conversation proven shown. Mark read uses the selected thread cell's own "Mark as Read"
/// action (Beeper 15.0, bf82915), never ⇧⌘U: on 26 that shortcut is "Mark All as Read" (reference §3.5). Rename is
/// UNPROVEN: no public source gives the element path of a group's name in Details on macOS 11–26 (reference §3.8, §8);
/// the path below is the simulator's model, driven on the same guards, and every other shape fails closed.
/// </summary>
public sealed partial class AccessibilityMessagesUi
{
    /// <summary>The group name field in Details (UNPROVEN: the simulator's model).</summary>
    public const string GroupNameFieldId = "CKDetailsGroupNameField";

    /// <summary>The thread cell's "Mark as Unread" custom action (shown instead of Mark as Read once a chat is read).</summary>
    private static readonly AxStringKey MarkAsUnread = new(AxBundle.ChatKit, "ChatKit", "MARK_AS_UNREAD", ["Mark as Unread"]);

    /// <inheritdoc />
    public Task MarkReadAsync(ChatTarget chat, CancellationToken cancellationToken, Action? beforeAct = null) =>
        RunAsync(async (s, ct) =>
        {
            var shown = await ShowConversationAsync(s, chat, ct);
            var window = await s.MainWindowAsync(ct);
            var list = s.Nav.ById(window, AxNavigator.ConversationListId) ?? throw AxFailures.Shape("no conversation list");
            // The sidebar selection can lag the transcript (after a search, or a link to the chat already open: Beeper
            // readme): the selected thread must be the one conversation shown, by name, or nothing is pressed.
            var selected = list.SelectedChildren;
            if (selected.Count != 1 || selected[0].Description is not { } name || window.Title is not { } title
                || !(name == title || name.StartsWith(title + ",", StringComparison.Ordinal)))
                throw AxFailures.Wrong("the sidebar does not select the conversation shown");
            var cell = selected[0];
            var action = s.Nav.CustomAction(cell, AxStringKey.MarkAsRead);
            if (action is null)
            {
                // Opening a chat can read it (blip): then only Mark as Unread is offered, and chat.db says the rest.
                if (s.Nav.CustomAction(cell, MarkAsUnread) is not null)
                    return;
                throw AxFailures.Shape("the conversation's thread cell offers neither Mark as Read nor Mark as Unread");
            }
            RequireShown(s, shown);
            s.Commit(() => cell.PerformAction(action));
        }, beforeAct, cancellationToken);

    /// <inheritdoc />
    public Task RenameGroupAsync(ChatTarget group, string name, CancellationToken cancellationToken, Action? beforeAct = null)
    {
        if (!group.IsGroup)
            throw new ArgumentException($"{group.ChatGuid} is not a group chat.", nameof(group));
        var expected = Expect(group);
        return RunAsync(async (s, ct) =>
        {
            await ShowConversationAsync(s, group, ct);
            var window = await s.MainWindowAsync(ct);
            var title = s.Nav.ById(window, ConversationTitleId) ?? throw AxFailures.Shape($"no conversation title button; {Unproven}");
            s.Change(() => title.PerformAction(AxNames.Press));
            var details = await s.Nav.WaitForAsync(() => s.Nav.MainWindow() is { } w ? s.Nav.ById(w, DetailsViewId) : null,
                s.Nav.Timings.OverlayTimeout, ct) ?? throw AxFailures.Shape($"the Details view did not appear; {Unproven}");
            s.OpenedPopup = details;
            var field = s.Nav.ById(details, GroupNameFieldId) ?? throw AxFailures.Shape($"no group name field in Details; {Unproven}");
            if (field.Role != AxNames.RoleTextField)
                throw AxFailures.Shape($"the group name field is not a text field; {Unproven}");
            // The field shows the group's current name: anything else is another group's Details.
            if ((field.Value ?? "") != (expected.Title ?? ""))
                throw AxFailures.Wrong("the Details view shows another group's name");
            s.Change(() => field.SetValue(name));
            if (!await s.Nav.WaitUntilAsync(() => (field.Value ?? "") == name, s.Nav.Timings.ValueTimeout, ct))
                throw AxFailures.Shape("the group name field did not take the name");
            RequireConversation(s, expected);
            // AXConfirm on the verified field itself: a Return could land in the compose field and send the name to the group.
            s.Commit(() => field.PerformAction(AxNames.Confirm));
        }, beforeAct, cancellationToken);
    }
}
