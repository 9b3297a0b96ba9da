using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Correlation;

/// <summary>
/// What chat.db must show after each UI message action (accessibility reference §4), and the visible traces of a
/// misfire: a reply row without its thread, an edit that went out as a new message, a name typed into the
/// conversation. Texts are compared exactly (line endings normalised); chats by their exact GUID.
/// </summary>
public static class UiActionChecks
{
    private const int PageSize = 500;

    /// <summary>
    /// A threaded reply: a new from-me row in <paramref name="chatGuid"/> with this text and
    /// thread_originator_guid = <paramref name="threadRoot"/> (and the part, when <paramref name="rootPart"/> is set).
    /// </summary>
    public static StateExpectation Reply(IChatDbView chatDb, string chatGuid, string threadRoot, int? rootPart, string text, TimeSpan timeout) =>
        new("reply", snapshot =>
        {
            foreach (var row in OwnRowsAfter(chatDb, snapshot))
            {
                if (row.Kind != MessageKind.Message || !TextEquals(row.Text, text))
                    continue;
                var threaded = string.Equals(row.ThreadOriginatorGuid, threadRoot, StringComparison.OrdinalIgnoreCase);
                var inChat = row.ChatGuids.Contains(chatGuid, StringComparer.Ordinal);
                if (threaded && inChat && (rootPart is null || (row.ThreadOriginatorPart ?? 0) == rootPart))
                    return Bound(row, chatGuid);
                var what = !inChat ? $"went to another chat ({string.Join(", ", row.ChatGuids)})"
                    : row.ThreadOriginatorGuid is null ? "went out as a plain message, not threaded"
                    : !threaded ? $"was threaded to another message ({row.ThreadOriginatorGuid})"
                    : $"was threaded to part {row.ThreadOriginatorPart} instead of part {rootPart}";
                return new StateCheck(StateOutcome.Misfired, $"Messages sent the reply text, but it {what} (row {row.Guid}).", [row.Guid], row.ChatGuids.FirstOrDefault());
            }
            return StateCheck.Pending;
        }, timeout);

    /// <summary>An edit: the row's part now holds <paramref name="newText"/> and date_edited is set.</summary>
    public static StateExpectation Edit(IChatDbView chatDb, string chatGuid, string messageGuid, int part, string newText,
        Func<MessageRecord, int, string?> partText, TimeSpan timeout) =>
        new("edit", snapshot =>
        {
            var row = chatDb.GetMessage(messageGuid);
            if (row is not null && row.DateEdited is not null && TextEquals(partText(row, part), newText))
                return Bound(row, chatGuid);
            // Typed into the compose field instead of the edit field: the new text went out as its own message.
            foreach (var own in OwnRowsAfter(chatDb, snapshot))
                if (own.Kind == MessageKind.Message && TextEquals(own.Text, newText))
                    return new StateCheck(StateOutcome.Misfired,
                        $"Messages sent the new text as a new message (row {own.Guid}) instead of editing {messageGuid}.", [own.Guid], own.ChatGuids.FirstOrDefault());
            return StateCheck.Pending;
        }, timeout);

    /// <summary>An unsend: the part is listed as unsent (rp; date_retracted before macOS 26, date_edited on 26).</summary>
    public static StateExpectation Unsend(IChatDbView chatDb, string chatGuid, string messageGuid, int part, TimeSpan timeout) =>
        new("unsend", _ =>
        {
            var row = chatDb.GetMessage(messageGuid);
            return row is not null && (row.IsUnsent || row.UnsentParts.Contains(part)) && row.DateUnsent is not null
                ? Bound(row, chatGuid)
                : StateCheck.Pending;
        }, timeout);

    /// <summary>A chat marked read: none of its received messages is unread any more.</summary>
    public static StateExpectation MarkRead(IChatDbView chatDb, string chatGuid, TimeSpan timeout) =>
        new("mark read", _ =>
        {
            var unread = chatDb.CountUnread(chatGuid);
            return unread == 0
                ? new StateCheck(StateOutcome.Confirmed, ChatGuid: chatGuid)
                : new StateCheck(StateOutcome.Pending, $"{unread} received message(s) still unread");
        }, timeout);

    /// <summary>A rename: a new from-me group row (item_type 2) in the chat with the new name (none when cleared).</summary>
    public static StateExpectation Rename(IChatDbView chatDb, string chatGuid, string name, TimeSpan timeout) =>
        new("rename", snapshot =>
        {
            foreach (var row in OwnRowsAfter(chatDb, snapshot))
            {
                if (row.GroupEvent is { Type: GroupEventType.Renamed } e)
                {
                    if (!row.ChatGuids.Contains(chatGuid, StringComparer.Ordinal))
                        return new StateCheck(StateOutcome.Misfired, $"Messages renamed another chat ({string.Join(", ", row.ChatGuids)}).", [row.Guid], row.ChatGuids.FirstOrDefault());
                    if (string.Equals(e.Title ?? "", name, StringComparison.Ordinal))
                        return Bound(row, chatGuid);
                }
                else if (name.Length > 0 && row.Kind == MessageKind.Message && TextEquals(row.Text, name))
                    return new StateCheck(StateOutcome.Misfired, $"Messages sent the new name as a message (row {row.Guid}) instead of renaming the group.", [row.Guid], row.ChatGuids.FirstOrDefault());
            }
            return StateCheck.Pending;
        }, timeout);

    /// <summary>
    /// Several files as one send: from-me rows in one of <paramref name="chats"/> whose attachments, in row order,
    /// carry exactly <paramref name="transferNames"/>, with no other own row of that chat between them (one send,
    /// one Return). A failed row fails the send.
    /// </summary>
    public static StateExpectation Images(IChatDbView chatDb, IReadOnlyList<string> chats, IReadOnlyList<string> transferNames, TimeSpan timeout) =>
        new("images", snapshot =>
        {
            var rows = OwnRowsAfter(chatDb, snapshot).Where(r => r.ChatGuids.Any(g => chats.Contains(g, StringComparer.OrdinalIgnoreCase))).ToList();
            var start = rows.FindIndex(r => r.Attachments.Any(a => a.TransferName == transferNames[0]));
            if (start < 0)
                return StateCheck.Pending;
            var bound = new List<MessageRecord>();
            var names = new List<string?>();
            for (var i = start; i < rows.Count && names.Count < transferNames.Count; i++)
            {
                if (rows[i].Attachments.Count == 0)
                    break;      // another own message in between: not one send
                bound.Add(rows[i]);
                names.AddRange(rows[i].Attachments.Select(a => a.TransferName));
            }
            var chat = bound[0].ChatGuids.First(g => chats.Contains(g, StringComparer.OrdinalIgnoreCase));
            var guids = bound.Select(r => r.Guid).ToList();
            if (bound.FirstOrDefault(r => r.Error != 0) is { } failed)
                return new StateCheck(StateOutcome.Failed, $"Messages marked row {failed.Guid} as failed (chat.db error {failed.Error}).", guids, chat);
            if (names.Count < transferNames.Count)
                return new StateCheck(StateOutcome.Pending, $"{names.Count} of {transferNames.Count} files appeared as one send", guids, chat);
            return names.SequenceEqual(transferNames, StringComparer.Ordinal)
                ? new StateCheck(StateOutcome.Confirmed, null, guids, chat)
                : new StateCheck(StateOutcome.Misfired, $"Messages sent the files, but not as one send in order (rows {string.Join(", ", guids)}).", guids, chat);
        }, timeout);

    private static StateCheck Bound(MessageRecord row, string chatGuid) => new(StateOutcome.Confirmed, null, [row.Guid], chatGuid);

    private static IEnumerable<MessageRecord> OwnRowsAfter(IChatDbView chatDb, long snapshot)
    {
        var after = snapshot;
        while (true)
        {
            var rows = chatDb.ReadMessagesAfter(after, PageSize);
            foreach (var row in rows)
                if (row.IsFromMe)
                    yield return row;
            if (rows.Count < PageSize)
                yield break;
            after = rows[^1].RowId;
        }
    }

    private static bool TextEquals(string? stored, string expected) =>
        stored is not null && string.Equals(stored.Replace("\r\n", "\n"), expected.Replace("\r\n", "\n"), StringComparison.Ordinal);
}
