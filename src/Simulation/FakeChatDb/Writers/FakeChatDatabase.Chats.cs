namespace LineAgent.FakeChatDb;

public sealed partial class FakeChatDatabase
{
    /// <summary>Returns the handle ROWID of (<paramref name="id"/>, <paramref name="service"/>), inserting the row if
    /// needed. handle is UNIQUE(id, service): the same address exists once per service.</summary>
    public long EnsureHandle(string id, string service = "iMessage")
    {
        if (_handleCache.TryGetValue((id, service), out var cached))
            return cached;
        var rowId = Scalar("SELECT ROWID FROM handle WHERE id = $id AND service = $service", ("$id", id), ("$service", service)) as long?
            ?? (long)Scalar(
                "INSERT INTO handle (id, country, service, uncanonicalized_id, person_centric_id) VALUES ($id, 'us', $service, $id, NULL) RETURNING ROWID",
                ("$id", id), ("$service", service))!;
        _handleCache[(id, service)] = rowId;
        return rowId;
    }

    /// <summary>The chat.guid prefix Messages uses: the service name, or "any" on macOS 26 (Tahoe).</summary>
    public string GuidPrefix(string service) => Variant == SchemaVariant.Tahoe ? "any" : service;

    /// <summary>
    /// Returns the 1:1 chat with <paramref name="handle"/> on <paramref name="service"/>, creating it (style 45 '-',
    /// guid "iMessage;-;+1…" or "any;-;…" on Tahoe, one chat_handle_join row) if needed.
    /// </summary>
    public FakeChat EnsureDirectChat(string handle, string service = "iMessage")
    {
        var guid = $"{GuidPrefix(service)};-;{handle}";
        var existing = FindChat(guid);
        if (existing is not null) return existing;

        var rowId = InsertChat(guid, style: 45, identifier: handle, service, roomName: null, displayName: null, groupId: null);
        Execute("INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES ($c, $h)", ("$c", rowId), ("$h", EnsureHandle(handle, service)));
        return new FakeChat(rowId, guid, handle, false, service);
    }

    /// <summary>
    /// Creates a group chat (style 43 '+') with <paramref name="participants"/> (handle ids), guid
    /// "iMessage;+;chat&lt;digits&gt;" (Tahoe: "any;+;&lt;32 hex&gt;"), room_name = chat_identifier, a group_id UUID and an
    /// optional display name.
    /// </summary>
    public FakeChat CreateGroupChat(IReadOnlyList<string> participants, string? displayName = null, string service = "iMessage")
    {
        var identifier = Variant == SchemaVariant.Tahoe
            ? System.Guid.NewGuid().ToString("N")
            : "chat" + Random.Shared.NextInt64(100_000_000_000_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var guid = $"{GuidPrefix(service)};+;{identifier}";
        var rowId = InsertChat(guid, style: 43, identifier, service, roomName: identifier, displayName, groupId: NewGuid());
        foreach (var p in participants)
            Execute("INSERT OR IGNORE INTO chat_handle_join (chat_id, handle_id) VALUES ($c, $h)", ("$c", rowId), ("$h", EnsureHandle(p, service)));
        return new FakeChat(rowId, guid, identifier, true, service);
    }

    /// <summary>Inserts a chat row with an explicit guid (treated as opaque by readers), or returns the existing one.</summary>
    public FakeChat EnsureChat(string guid, bool isGroup, string identifier, string service = "iMessage", string? displayName = null)
    {
        var existing = FindChat(guid);
        if (existing is not null) return existing;
        var rowId = InsertChat(guid, isGroup ? 43 : 45, identifier, service, isGroup ? identifier : null, displayName, isGroup ? NewGuid() : null);
        return new FakeChat(rowId, guid, identifier, isGroup, service);
    }

    /// <summary>The chat with this guid, or null.</summary>
    public FakeChat? FindChat(string guid)
    {
        using var command = Command("SELECT ROWID, chat_identifier, style, service_name FROM chat WHERE guid = $g", ("$g", guid));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new FakeChat(reader.GetInt64(0), guid, reader.IsDBNull(1) ? "" : reader.GetString(1), !reader.IsDBNull(2) && reader.GetInt64(2) == 43,
                reader.IsDBNull(3) ? "iMessage" : reader.GetString(3))
            : null;
    }

    /// <summary>Sets chat.last_read_message_timestamp, as Messages does when the chat is marked read.</summary>
    public void SetChatLastRead(FakeChat chat, DateTimeOffset? at = null) =>
        Execute("UPDATE chat SET last_read_message_timestamp = $t WHERE ROWID = $id", ("$t", ToAppleNanoseconds(at ?? Clock())), ("$id", chat.RowId));

    /// <summary>
    /// The owner marked the chat read, as Messages records it: every received message of the chat gets is_read = 1 and
    /// date_read, and chat.last_read_message_timestamp moves to now.
    /// </summary>
    public void MarkChatRead(FakeChat chat, DateTimeOffset? at = null)
    {
        var when = ToAppleNanoseconds(at ?? Clock());
        Execute("UPDATE message SET is_read = 1, date_read = $d WHERE is_from_me = 0 AND is_read = 0 "
            + "AND ROWID IN (SELECT message_id FROM chat_message_join WHERE chat_id = $c)", ("$d", when), ("$c", chat.RowId));
        Execute("UPDATE chat SET last_read_message_timestamp = $t WHERE ROWID = $id", ("$t", when), ("$id", chat.RowId));
    }

    private long InsertChat(string guid, int style, string identifier, string service, string? roomName, string? displayName, string? groupId)
    {
        var columns = new List<(string Name, object? Value)>
        {
            ("guid", guid), ("style", style), ("state", 3), ("account_id", NewGuid()), ("chat_identifier", identifier),
            ("service_name", service), ("room_name", roomName), ("account_login", "E:" + OwnerAddress), ("is_archived", 0),
            ("last_addressed_handle", OwnerAddress), ("display_name", displayName ?? ""), ("group_id", groupId ?? NewGuid()),
            ("is_filtered", 0), ("successful_query", 1), ("last_read_message_timestamp", 0L),
        };
        columns.RemoveAll(c => !_chatColumns.Contains(c.Name));
        var sql = $"INSERT INTO chat ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$v" + i))}) RETURNING ROWID";
        return (long)Scalar(sql, columns.Select((c, i) => ("$v" + i, c.Value)).ToArray())!;
    }
}
