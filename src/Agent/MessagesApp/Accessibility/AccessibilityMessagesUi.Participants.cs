namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Group membership. UNPROVEN: no peer publishes the element path of the Details view, its member list or its
/// "Add Member" field for any macOS after 10.15 (reference §3.7, §8). The path below — the 26 title button
/// (ConversationTitle) opens a Details view with a member list and an add-member field — is the simulator's model,
/// built on the same guards as every action: the conversation is proven first, nothing is typed (values are set on
/// verified fields), Return is never pressed, and any other shape fails closed with "unproven".
/// </summary>
public sealed partial class AccessibilityMessagesUi
{
    public const string ConversationTitleId = "ConversationTitle";
    public const string DetailsViewId = "CKDetailsView";
    public const string MemberListId = "CKDetailsMemberList";
    public const string AddMemberFieldId = "CKDetailsAddMemberField";

    private const string Unproven = "unproven on every macOS version: no public evidence gives this element path";

    /// <inheritdoc />
    public Task AddParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null) =>
        ChangeMembersAsync(group, address, add: true, beforeAct, cancellationToken);

    /// <inheritdoc />
    public Task RemoveParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null) =>
        ChangeMembersAsync(group, address, add: false, beforeAct, cancellationToken);

    private Task ChangeMembersAsync(ChatTarget group, string address, bool add, Action? beforeAct, CancellationToken cancellationToken)
    {
        if (!group.IsGroup)
            throw new ArgumentException($"{group.ChatGuid} is not a group chat.", nameof(group));
        return RunAsync(async (s, ct) =>
        {
            // Opened only when not already shown: a link to the shown conversation settles unseen and would close Details mid-action.
            await ShowConversationAsync(s, group, ct);
            var window = await s.MainWindowAsync(ct);
            var title = s.Nav.ById(window, ConversationTitleId) ?? throw AxFailures.Shape($"no conversation title button; {Unproven}");
            s.Change(() => title.PerformAction(AxNames.Press));
            var details = await s.Nav.WaitForAsync(() => s.Nav.MainWindow() is { } w ? s.Nav.ById(w, DetailsViewId) : null,
                s.Nav.Timings.OverlayTimeout, ct) ?? throw AxFailures.Shape($"the Details view did not appear; {Unproven}");
            s.OpenedPopup = details;
            var rows = MemberRows(s, details, address) ?? throw AxFailures.Shape($"no member list in Details; {Unproven}");
            if (add)
                await AddAsync(s, details, rows.Count, address, ct);
            else
                await RemoveAsync(s, details, rows, address, ct);
        }, beforeAct, cancellationToken);
    }

    /// <summary>The member rows showing <paramref name="address"/>, read afresh (the list re-renders as membership changes); null without a list.</summary>
    private static List<IAxElement>? MemberRows(AxSession s, IAxElement details, string address) =>
        s.Nav.ById(details, MemberListId)?.Children.Where(r => r.Description is { } d && AddressMatch.Same(d, address)).ToList();

    private static async Task AddAsync(AxSession s, IAxElement details, int existing, string address, CancellationToken ct)
    {
        if (existing > 0)
            throw AxFailures.Unavailable("that address is already a member of the group.");
        var titles = s.Nav.Titles(AxStringKey.AddMember);
        var button = s.Nav.Find(details, e => e.Role == AxNames.RoleButton && titles.Contains(e.Description ?? ""))
            ?? throw AxFailures.Shape($"no Add Member button; {Unproven}");
        s.Change(() => button.PerformAction(AxNames.Press));
        var field = await s.Nav.WaitForAsync(() => s.Nav.ById(details, AddMemberFieldId), s.Nav.Timings.ValueTimeout, ct)
            ?? throw AxFailures.Shape($"no add-member field; {Unproven}");
        if (field.Role != AxNames.RoleTextField || (field.Value ?? "").Length > 0)
            throw AxFailures.Shape("the add-member field is not an empty text field");
        s.Change(() => field.SetValue(address));
        if (!await s.Nav.WaitUntilAsync(() => field.Value == address, s.Nav.Timings.ValueTimeout, ct))
            throw AxFailures.Shape("the add-member field did not take the address");
        // AXConfirm on the verified field itself: a Return could land in the compose field and send the address to the group.
        s.Commit(() => field.PerformAction(AxNames.Confirm));
        if (!await s.Nav.WaitUntilAsync(() => MemberRows(s, details, address) is { Count: > 0 }, s.Nav.Timings.SendTimeout, ct))
            throw AxFailures.Ambiguous("the member was confirmed but the member list does not show it");
    }

    private static async Task RemoveAsync(AxSession s, IAxElement details, List<IAxElement> rows, string address, CancellationToken ct)
    {
        if (rows.Count != 1)
            throw rows.Count == 0
                ? AxFailures.Unavailable("that address is not a member of the group.")
                : AxFailures.Shape("the member list shows that address more than once");
        var action = s.Nav.CustomAction(rows[0], AxStringKey.RemoveMember) ?? throw AxFailures.Shape($"the member row offers no remove action; {Unproven}");
        s.Commit(() => rows[0].PerformAction(action));
        if (!await s.Nav.WaitUntilAsync(() => MemberRows(s, details, address) is { Count: 0 }, s.Nav.Timings.SendTimeout, ct))
            throw AxFailures.Ambiguous("the member was removed but the member list still shows it");
    }
}
