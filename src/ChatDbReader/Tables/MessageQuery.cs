namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// The SELECT for message rows, composed once per open from <see cref="ChatDbCapabilities"/>: every column by name,
/// NULL for the ones this database lacks, sender and other_handle resolved by primary-key joins on handle.
/// Predicates only use indexed columns (ROWID, guid) so a 1,000,000-row table is never scanned.
/// </summary>
internal sealed class MessageQuery
{
    // Result ordinals; the SELECT list below follows this order.
    public const int RowId = 0, Guid = 1, Text = 2, AttributedBody = 3, Service = 4, IsFromMe = 5, HandleId = 6,
        SenderId = 7, Date = 8, DateDelivered = 9, DateRead = 10, DateEdited = 11, DateRetracted = 12, IsSent = 13,
        IsDelivered = 14, IsRead = 15, IsFinished = 16, Error = 17, IsEmpty = 18, PartCount = 19, SummaryInfo = 20,
        ItemType = 21, GroupActionType = 22, GroupTitle = 23, OtherHandleId = 24, AssociatedType = 25,
        AssociatedGuid = 26, AssociatedEmoji = 27, ThreadOriginatorGuid = 28, ThreadOriginatorPart = 29,
        BalloonBundleId = 30, DestinationCallerId = 31, ExpressiveSendStyleId = 32, ColumnCount = 33;

    private static readonly string[] MessageColumns =
    [
        "ROWID", "guid", "text", "attributedBody", "service", "is_from_me", "handle_id",
    ];

    private static readonly string[] MessageColumnsAfterSender =
    [
        "date", "date_delivered", "date_read", "date_edited", "date_retracted", "is_sent",
        "is_delivered", "is_read", "is_finished", "error", "is_empty", "part_count", "message_summary_info",
        "item_type", "group_action_type", "group_title",
    ];

    private static readonly string[] MessageColumnsAfterOther =
    [
        "associated_message_type", "associated_message_guid", "associated_message_emoji",
        "thread_originator_guid", "thread_originator_part", "balloon_bundle_id", "destination_caller_id",
        "expressive_send_style_id",
    ];

    public MessageQuery(ChatDbCapabilities capabilities)
    {
        var hasOther = capabilities.Has(TableNames.Message, "other_handle");
        var select =
            "SELECT " + ColumnList.Build(capabilities, TableNames.Message, "m", MessageColumns) +
            ", h.id, " + ColumnList.Build(capabilities, TableNames.Message, "m", MessageColumnsAfterSender) +
            ", oh.id, " + ColumnList.Build(capabilities, TableNames.Message, "m", MessageColumnsAfterOther) +
            " FROM message m" +
            " LEFT JOIN handle h ON h.ROWID = m.handle_id" +
            (hasOther ? " LEFT JOIN handle oh ON oh.ROWID = m.other_handle" : " LEFT JOIN handle oh ON 0");
        // Composed once: the statement cache finds each by its text on every batch.
        After = select + " WHERE m.ROWID > $after ORDER BY m.ROWID LIMIT $limit";
        Range = select + " WHERE m.ROWID BETWEEN $from AND $to ORDER BY m.ROWID LIMIT $limit";
        ByGuid = select + " WHERE m.guid = $guid";
        ByIds = select + " WHERE m.ROWID IN (SELECT value FROM json_each($ids)) ORDER BY m.ROWID";
    }

    /// <summary>Rows with ROWID &gt; $after, ascending, at most $limit.</summary>
    public string After { get; }

    /// <summary>Rows with $from ≤ ROWID ≤ $to, ascending, at most $limit.</summary>
    public string Range { get; }

    /// <summary>The row with guid = $guid (guid is UNIQUE, hence indexed).</summary>
    public string ByGuid { get; }

    /// <summary>Rows whose ROWID is in the JSON array $ids, ascending.</summary>
    public string ByIds { get; }
}
