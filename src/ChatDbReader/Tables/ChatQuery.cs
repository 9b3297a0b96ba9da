namespace LineAgent.ChatDbReader.Tables;

/// <summary>The SELECT for chat rows (by name, NULL for missing columns).</summary>
internal sealed class ChatQuery
{
    public const int RowId = 0, Guid = 1, Style = 2, ChatIdentifier = 3, ServiceName = 4, DisplayName = 5, GroupId = 6,
        LastRead = 7;

    private static readonly string[] Columns =
        ["ROWID", "guid", "style", "chat_identifier", "service_name", "display_name", "group_id", "last_read_message_timestamp"];

    private readonly string _select;

    public ChatQuery(ChatDbCapabilities capabilities) =>
        _select = "SELECT " + ColumnList.Build(capabilities, TableNames.Chat, "c", Columns) + " FROM chat c";

    public string After => _select + " WHERE c.ROWID > $after ORDER BY c.ROWID LIMIT $limit";

    public string ByGuid => _select + " WHERE c.guid = $guid";

    public const string ParticipantsRange =
        "SELECT j.chat_id, h.id FROM chat_handle_join j JOIN handle h ON h.ROWID = j.handle_id " +
        "WHERE j.chat_id BETWEEN $from AND $to ORDER BY j.chat_id, h.ROWID";
}
