using System.Text;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;

namespace LineAgent.ChatDbReader;

/// <summary>
/// The small queries change detection needs: the mutable columns of a ROWID range, new chats, chats marked read,
/// and the anchors that prove chat.db is still the database a position belongs to. Every query is bounded by an
/// index (ROWID, guid, date) except the chat.last_read_message_timestamp check, which scans the chat table — one
/// row per conversation, not per message.
/// </summary>
public sealed partial class ChatDb
{
    private const string GuidAtSql = "SELECT guid FROM message WHERE ROWID = $id";
    private const string RowIdOfSql = "SELECT ROWID FROM message WHERE guid = $g";
    private const string MaxRowIdSql = "SELECT MAX(ROWID) FROM message";
    private const string LastAtOrBeforeSql = "SELECT ROWID FROM message WHERE date <= $d ORDER BY date DESC LIMIT 1";
    private const string FirstAtOrAfterSql = "SELECT ROWID FROM message WHERE date >= $d ORDER BY date LIMIT 1";
    private const string DateAtSql = "SELECT date FROM message WHERE ROWID = $id";

    /// <summary>
    /// Fingerprints (see <see cref="RowFingerprint"/>) of rows with <paramref name="afterRowId"/> &lt; ROWID ≤
    /// <paramref name="toRowId"/>, ascending, at most <paramref name="limit"/>.
    /// </summary>
    /// <remarks>The fingerprints are journaled and compared across restarts, so their text must never change: NULL is
    /// empty, an integer its invariant digits, anything else its invariant text (the attachments column).</remarks>
    public List<RowFingerprint> Fingerprints(long afterRowId, long toRowId, int limit) => Guard(() =>
    {
        using var rows = Capture(FingerprintQuery.Columns, _fingerprintQuery.Range, statement =>
        {
            statement.Bind("$after", afterRowId);
            statement.Bind("$to", toRowId);
            statement.Bind("$limit", limit);
        });
        var list = new List<RowFingerprint>(rows.Count);
        var sb = new StringBuilder(64);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            sb.Clear();
            for (var i = FingerprintQuery.FirstValue; i < FingerprintQuery.Columns; i++)
            {
                if (i > FingerprintQuery.FirstValue) sb.Append('|');
                sb.Append(row.Text(i));             // NULL appends nothing
            }
            list.Add(new RowFingerprint(row.Int(0), row.Text(1) ?? "", sb.ToString()));
        }
        return list;
    });

    /// <summary>(ROWID, guid) of chats with ROWID &gt; <paramref name="afterRowId"/>, ascending, at most <paramref name="limit"/>.</summary>
    public List<(long RowId, string Guid)> ChatsAfter(long afterRowId, int limit) => Guard(() =>
    {
        using var rows = Capture(2, "SELECT ROWID, guid FROM chat WHERE ROWID > $after ORDER BY ROWID LIMIT $limit", statement =>
        {
            statement.Bind("$after", afterRowId);
            statement.Bind("$limit", limit);
        });
        var list = new List<(long, string)>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Text(1) is { } guid)
                list.Add((rows[r].Int(0), guid));
        }
        return list;
    });

    /// <summary>Highest chat ROWID (0 when none).</summary>
    public long MaxChatRowId() => Scalar("SELECT MAX(ROWID) FROM chat") ?? 0;

    /// <summary>Chats whose last_read_message_timestamp (Apple ns) moved above <paramref name="after"/>, in that order.</summary>
    public List<(string Guid, long LastRead)> ChatsReadAfter(long after) => Guard(() =>
    {
        var list = new List<(string, long)>();
        if (!HasChatLastRead)
            return list;
        using var rows = Capture(2, "SELECT guid, last_read_message_timestamp FROM chat WHERE last_read_message_timestamp > $after ORDER BY last_read_message_timestamp",
            statement => statement.Bind("$after", after));
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Text(0) is { } guid)
                list.Add((guid, rows[r].Int(1)));
        }
        return list;
    });

    /// <summary>Highest chat.last_read_message_timestamp (0 when none or the column is absent).</summary>
    public long MaxChatLastRead() =>
        HasChatLastRead ? Scalar("SELECT MAX(last_read_message_timestamp) FROM chat") ?? 0 : 0;

    /// <summary>guid of the message at <paramref name="rowId"/>, or null.</summary>
    public string? GuidAt(long rowId) => Guard(() =>
    {
        using var cmd = Command(GuidAtSql);
        cmd.Parameters.AddWithValue("$id", rowId);
        return cmd.ExecuteScalar() as string;
    });

    /// <summary>ROWID of the message with <paramref name="guid"/> (unique index), or null.</summary>
    public long? RowIdOf(string guid) => ScalarWith(RowIdOfSql, "$g", guid);

    /// <summary>The highest ROWID message.AUTOINCREMENT has handed out (sqlite_sequence), or null.</summary>
    public long? MessageSequence() => Scalar("SELECT seq FROM sqlite_sequence WHERE name = 'message'");

    /// <summary>ROWID of the newest row (by the indexed date) written at or before <paramref name="appleDate"/>, or null.</summary>
    public long? LastRowAtOrBefore(long appleDate) => ScalarWith(LastAtOrBeforeSql, "$d", appleDate);

    /// <summary>ROWID of the oldest row (by the indexed date) written at or after <paramref name="appleDate"/>, or null.</summary>
    public long? FirstRowAtOrAfter(long appleDate) => ScalarWith(FirstAtOrAfterSql, "$d", appleDate);

    /// <summary>message.date (Apple ns) of <paramref name="rowId"/>, or null.</summary>
    public long? DateAt(long rowId) => ScalarWith(DateAtSql, "$id", rowId);

    /// <summary>_SqliteDatabaseProperties._UniqueIdentifier (a UUID Messages gives each database), or null.</summary>
    public string? UniqueIdentifier() => !Capabilities.Has(TableNames.DatabaseProperties, "key")
        ? null
        : Guard(() =>
        {
            using var cmd = Command("SELECT value FROM _SqliteDatabaseProperties WHERE key = '_UniqueIdentifier'");
            return cmd.ExecuteScalar() as string;
        });

    /// <summary>The attachment row with this GUID (compared exactly), whatever message it belongs to, or null.</summary>
    public AttachmentRecord? GetAttachment(string guid) => !Capabilities.Has(TableNames.Attachment, "guid")
        ? null
        : Guard(() =>
        {
            using var cmd = Command(_attachmentQuery.ByGuid);
            cmd.Parameters.AddWithValue("$guid", guid);
            using var r = cmd.ExecuteReader();
            return r.Read() ? MessageRowReader.ReadAttachment(r.Columns()) : null;
        });

    /// <summary>EXPLAIN QUERY PLAN of every change-detection query on the message table, by name (none may scan it).</summary>
    internal IReadOnlyDictionary<string, string> MessageQueryPlans()
    {
        var queries = new Dictionary<string, string>
        {
            ["fingerprints"] = _fingerprintQuery.Range,
            ["guid-at"] = GuidAtSql,
            ["rowid-of"] = RowIdOfSql,
            ["max-rowid"] = MaxRowIdSql,
            ["last-at-or-before"] = LastAtOrBeforeSql,
            ["first-at-or-after"] = FirstAtOrAfterSql,
            ["date-at"] = DateAtSql,
        };
        var plans = new Dictionary<string, string>();
        foreach (var (name, sql) in queries)
        {
            using var cmd = Command("EXPLAIN QUERY PLAN " + sql);
            foreach (var p in new[] { "$after", "$to", "$limit", "$id", "$g", "$d" })
                if (sql.Contains(p, StringComparison.Ordinal)) cmd.Parameters.AddWithValue(p, 1);
            using var r = cmd.ExecuteReader();
            var lines = new List<string>();
            while (r.Read())
                lines.Add(r.GetString(3));
            plans[name] = string.Join(" / ", lines);
        }
        return plans;
    }

    private bool HasChatLastRead => Capabilities.Has(TableNames.Chat, "last_read_message_timestamp");

    // The first column of the first row when it is an integer, else null (NULL, no row), through the statement cache.
    private long? Scalar(string sql) => Guard(() =>
    {
        using var statement = _statements.Get(sql);
        return statement.Step() && statement.Type(0) == SQLitePCL.raw.SQLITE_INTEGER ? statement.Int64(0) : (long?)null;
    });

    private long? ScalarWith(string sql, string name, long value) => Guard(() =>
    {
        using var statement = _statements.Get(sql);
        statement.Bind(name, value);
        return statement.Step() && statement.Type(0) == SQLitePCL.raw.SQLITE_INTEGER ? statement.Int64(0) : (long?)null;
    });

    private long? ScalarWith(string sql, string name, string value) => Guard(() =>
    {
        using var statement = _statements.Get(sql);
        statement.Bind(name, value);
        return statement.Step() && statement.Type(0) == SQLitePCL.raw.SQLITE_INTEGER ? statement.Int64(0) : (long?)null;
    });
}
