namespace LineAgent.ChatDbReader.Tables;

/// <summary>Attachments of a batch of messages through message_attachment_join (indexed on message_id): one query per batch, not per row.</summary>
internal sealed class AttachmentQuery
{
    public const int MessageId = 0, RowId = 1, Guid = 2, TransferName = 3, MimeType = 4, Uti = 5, TotalBytes = 6,
        Filename = 7, TransferState = 8, IsOutgoing = 9, IsSticker = 10, ColumnCount = 11;

    private static readonly string[] Columns =
        ["ROWID", "guid", "transfer_name", "mime_type", "uti", "total_bytes", "filename", "transfer_state", "is_outgoing", "is_sticker"];

    public AttachmentQuery(ChatDbCapabilities capabilities)
    {
        var columns = ColumnList.Build(capabilities, TableNames.Attachment, "a", Columns);
        var select = "SELECT j.message_id, " + columns + " FROM message_attachment_join j JOIN attachment a ON a.ROWID = j.attachment_id";
        // The same ordinals, without the join (column 0 is NULL): attachment.guid has a unique index.
        ByGuid = "SELECT NULL, " + columns + " FROM attachment a WHERE a.guid = $guid";
        Range = select + " WHERE j.message_id BETWEEN $from AND $to ORDER BY j.message_id, j.ROWID";
        ByIds = select + " WHERE j.message_id IN (SELECT value FROM json_each($ids)) ORDER BY j.message_id, j.ROWID";
    }

    /// <summary>The attachment row with guid $guid, whatever message it belongs to.</summary>
    public string ByGuid { get; }

    /// <summary>Joins of messages $from..$to, ordered by message then join order.</summary>
    public string Range { get; }

    /// <summary>Joins of the messages in the JSON array $ids.</summary>
    public string ByIds { get; }
}
