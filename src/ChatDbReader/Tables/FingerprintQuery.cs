namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// The SELECT for row fingerprints: the mutable columns Messages writes into existing rows (receipts, errors, edits,
/// unsends, attachment transfers), by name, NULL for what the schema lacks.
/// </summary>
internal sealed class FingerprintQuery
{
    public FingerprintQuery(ChatDbCapabilities capabilities)
    {
        string Col(string name) => capabilities.Has(TableNames.Message, name) ? "m." + name : "NULL";
        var attachments = capabilities.Has(TableNames.Attachment, "transfer_state") && capabilities.Has(TableNames.MessageAttachmentJoin, "message_id")
            ? "(SELECT group_concat(a.ROWID || ':' || a.transfer_state, ',') FROM message_attachment_join j " +
              "JOIN attachment a ON a.ROWID = j.attachment_id WHERE j.message_id = m.ROWID)"
            : "NULL";
        // cache_has_attachments is kept by Apple's trigger on message_attachment_join: skip the lookup for the rest.
        if (capabilities.Has(TableNames.Message, "cache_has_attachments") && attachments != "NULL")
            attachments = $"CASE WHEN m.cache_has_attachments = 1 THEN {attachments} END";
        var summaryLength = capabilities.Has(TableNames.Message, "message_summary_info") ? "length(m.message_summary_info)" : "NULL";

        Range = $"""
            SELECT m.ROWID, m.guid, {Col("is_sent")}, {Col("error")}, {Col("is_delivered")}, {Col("date_delivered")},
                   {Col("is_read")}, {Col("date_read")}, {Col("date_edited")}, {Col("date_retracted")}, {Col("is_empty")},
                   {Col("part_count")}, {summaryLength}, {attachments}
            FROM message m WHERE m.ROWID > $after AND m.ROWID <= $to ORDER BY m.ROWID LIMIT $limit
            """;
    }

    /// <summary>Column of the first fingerprint value; they run to <see cref="Columns"/> - 1.</summary>
    public const int FirstValue = 2;

    /// <summary>Columns the query selects.</summary>
    public const int Columns = 14;

    /// <summary>Rows $after &lt; ROWID ≤ $to, ascending, at most $limit. Column 0 ROWID, 1 guid, 2.. the fingerprint.</summary>
    public string Range { get; }
}
