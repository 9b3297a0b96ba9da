using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages.Ax;

public sealed partial class FakeMessagesUi
{
    private sealed record ChatRow(string Guid, string Identifier, bool IsGroup, string Service, string? DisplayName, long RowId);

    private sealed record MessageRow(string Guid, string Text, bool FromMe, string Sender);

    private ChatRow? Chat(string guid) => _db.Query(
            "SELECT guid, chat_identifier, style, COALESCE(service_name, 'iMessage'), display_name, ROWID FROM chat WHERE guid = $g",
            ("$g", guid)).Select(ToChat).FirstOrDefault();

    private List<ChatRow> Chats() => _db.Query(
        "SELECT guid, chat_identifier, style, COALESCE(service_name, 'iMessage'), display_name, ROWID FROM chat ORDER BY ROWID").Select(ToChat).ToList();

    private static ChatRow ToChat(object?[] r) =>
        new((string)r[0]!, (string?)r[1] ?? "", Convert.ToInt64(r[2]) == 43, (string)r[3]!, r[4] as string is { Length: > 0 } n ? n : null, Convert.ToInt64(r[5]));

    private List<string> Participants(ChatRow chat)
    {
        var ids = _db.Query("""
            SELECT h.id FROM chat_handle_join j JOIN handle h ON h.ROWID = j.handle_id WHERE j.chat_id = $c ORDER BY h.ROWID
            """, ("$c", chat.RowId)).Select(r => (string)r[0]!).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0 && !chat.IsGroup ? [chat.Identifier] : ids;
    }

    /// <summary>The conversation's bubbles, oldest first (tapbacks and group events are not bubbles).</summary>
    private List<MessageRow> Messages(string chatGuid) => _db.Query("""
            SELECT m.guid, COALESCE(m.text, ''), m.is_from_me, COALESCE(h.id, '')
            FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID JOIN chat c ON c.ROWID = j.chat_id
            LEFT JOIN handle h ON h.ROWID = m.handle_id
            WHERE c.guid = $g AND m.associated_message_type = 0 AND m.item_type = 0 ORDER BY m.ROWID
            """, ("$g", chatGuid)).Select(r => new MessageRow((string)r[0]!, (string)r[1]!, Convert.ToInt64(r[2]) == 1, (string)r[3]!)).ToList();

    private string? ChatOfMessage(string messageGuid) => _db.Scalar("""
        SELECT c.guid FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID JOIN chat c ON c.ROWID = j.chat_id
        WHERE m.guid = $g LIMIT 1
        """, ("$g", messageGuid)) as string;

    /// <summary>This account's current classic tapback on the message (the latest add/remove row wins), or null.</summary>
    private TapbackKind? CurrentTapback(string messageGuid)
    {
        var last = _db.Scalar("""
            SELECT associated_message_type FROM message WHERE is_from_me = 1 AND associated_message_guid IN ($p, $b)
            AND (associated_message_type BETWEEN 2000 AND 2005 OR associated_message_type BETWEEN 3000 AND 3005)
            ORDER BY ROWID DESC LIMIT 1
            """, ("$p", "p:0/" + messageGuid), ("$b", "bp:" + messageGuid)) as long?;
        return last is >= 2000 and <= 2005 ? (TapbackKind)(last.Value - 2000) : null;
    }

    /// <summary>The picker's toggle: the tapback you already left is removed, any other kind replaces it.</summary>
    private void ToggleTapback(string messageGuid, TapbackKind kind)
    {
        var chatGuid = ChatOfMessage(messageGuid);
        if (chatGuid is null || _db.FindChat(chatGuid) is not { } chat)
            return;
        var remove = CurrentTapback(messageGuid) == kind;
        var verbs = new[] { "Loved", "Liked", "Disliked", "Laughed at", "Emphasized", "Questioned" };
        Writer().Insert(new NewMessage
        {
            Text = remove ? "Removed a reaction from a message" : $"{verbs[(int)kind]} a message", Chats = [chat], IsFromMe = true,
            IsSent = true, Service = chat.Service, Handle = chat.IsGroup ? null : chat.ChatIdentifier,
            AssociatedMessageGuid = $"p:0/{messageGuid}", AssociatedMessageType = (remove ? 3000 : 2000) + (int)kind,
        });
        Log($"tapback {(remove ? "remove" : "add")} {kind} {messageGuid}");
    }

    /// <summary>"+15554440001" as Messages shows it: "+1 (555) 444-0001" (other numbers and emails unchanged).</summary>
    private static string Display(string address) =>
        address.Length == 12 && address.StartsWith("+1", StringComparison.Ordinal) && address[2..].All(char.IsAsciiDigit)
            ? $"+1 ({address[2..5]}) {address[5..8]}-{address[8..]}"
            : address;

    private string ChatName(ChatRow chat) =>
        chat.DisplayName ?? string.Join(" & ", Participants(chat).Select(Display));
}
