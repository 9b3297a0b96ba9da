namespace LineAgent.ChatDbReader.Tables;

/// <summary>Chat GUIDs of a batch of messages through chat_message_join (indexed on message_id), read separately
/// from the message rows: a message has 0..n chats, and the join row can arrive after the message row. Rows come in
/// the index's order (message, then join ROWID), which SQLite reads without sorting; the few messages in several
/// chats have theirs put in chat order by the batch (<see cref="MessageRowBatch"/>): sorting every batch in SQL cost
/// a fifth of this query.</summary>
internal static class ChatMessageJoinQuery
{
    /// <summary>Result ordinals: the message ROWID, the chat GUID, the chat ROWID.</summary>
    public const int MessageId = 0, ChatGuid = 1, ChatId = 2, ColumnCount = 3;

    private const string Select = "SELECT j.message_id, c.guid, j.chat_id FROM chat_message_join j JOIN chat c ON c.ROWID = j.chat_id";

    public const string Range = Select + " WHERE j.message_id BETWEEN $from AND $to ORDER BY j.message_id, j.ROWID";

    public const string ByIds = Select + " WHERE j.message_id IN (SELECT value FROM json_each($ids)) ORDER BY j.message_id, j.ROWID";
}
