namespace LineAgent.ChatDbReader;

public sealed partial class ChatDb
{
    /// <summary>
    /// How many received messages of the chat with this GUID are unread: rows from others (is_from_me 0), ordinary
    /// messages (item_type 0, not tapbacks: associated_message_type 0), is_read 0 — what "Mark as Read" clears
    /// (accessibility reference §4; chat.last_read_message_timestamp moves with it). 0 for an unknown chat.
    /// </summary>
    public int CountUnread(string chatGuid) => Guard(() =>
    {
        using var command = Command("""
            SELECT COUNT(*) FROM chat c
            JOIN chat_message_join j ON j.chat_id = c.ROWID
            JOIN message m ON m.ROWID = j.message_id
            WHERE c.guid = $guid AND m.is_from_me = 0 AND m.is_read = 0 AND m.item_type = 0
              AND COALESCE(m.associated_message_type, 0) = 0
            """);
        command.Parameters.AddWithValue("$guid", chatGuid);
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });
}
