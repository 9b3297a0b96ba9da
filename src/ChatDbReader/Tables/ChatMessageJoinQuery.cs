namespace LineAgent.ChatDbReader.Tables;

/// <summary>Chat GUIDs of a batch of messages through chat_message_join (indexed on message_id), read separately
/// from the message rows: a message has 0..n chats, and the join row can arrive after the message row.</summary>
internal static class ChatMessageJoinQuery
{
    /// <summary>Result ordinals: the message ROWID, the chat GUID.</summary>
    public const int MessageId = 0, ChatGuid = 1, ColumnCount = 2;

    private const string Select = "SELECT j.message_id, c.guid FROM chat_message_join j JOIN chat c ON c.ROWID = j.chat_id";

    public const string Range = Select + " WHERE j.message_id BETWEEN $from AND $to ORDER BY j.message_id, j.chat_id";

    public const string ByIds = Select + " WHERE j.message_id IN (SELECT value FROM json_each($ids)) ORDER BY j.message_id, j.chat_id";
}
