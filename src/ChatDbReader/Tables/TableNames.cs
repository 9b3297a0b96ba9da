namespace LineAgent.ChatDbReader.Tables;

/// <summary>chat.db table names the reader uses.</summary>
internal static class TableNames
{
    public const string Message = "message";
    public const string Chat = "chat";
    public const string Handle = "handle";
    public const string Attachment = "attachment";
    public const string ChatMessageJoin = "chat_message_join";
    public const string MessageAttachmentJoin = "message_attachment_join";
    public const string ChatHandleJoin = "chat_handle_join";

    /// <summary>Core Data's key/value table; holds _UniqueIdentifier, the database's identity.</summary>
    public const string DatabaseProperties = "_SqliteDatabaseProperties";

    public static readonly string[] All =
        [Message, Chat, Handle, Attachment, ChatMessageJoin, MessageAttachmentJoin, ChatHandleJoin, DatabaseProperties];

    /// <summary>Tables without which the file is not chat.db.</summary>
    public static readonly string[] Required = [Message, Chat, Handle, ChatMessageJoin];
}
