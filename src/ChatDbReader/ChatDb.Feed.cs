using System.Globalization;
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
    public List<RowFingerprint> Fingerprints(long afterRowId, long toRowId, int limit) => Guard(() =>
    {
        using var cmd = Command(_fingerprintQuery.Range);
        cmd.Parameters.AddWithValue("$after", afterRowId);
        cmd.Parameters.AddWithValue("$to", toRowId);
        cmd.Parameters.AddWithValue("$limit", limit);
        var list = new List<RowFingerprint>();
        var sb = new StringBuilder(64);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            sb.Clear();
            var last = r.FieldCount - 1; // the attachments column is text; the others are integers (or NULL)
            for (var i = 2; i <= last; i++)
            {
                if (i > 2) sb.Append('|');
                if (r.IsDBNull(i))
                    continue;
                if (i == last || r.GetFieldType(i) != typeof(long))
                    sb.Append(Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture));
                else
                    sb.Append(r.GetInt64(i));
            }
            list.Add(new RowFingerprint(r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1), sb.ToString()));
        }
        return list;
    });

    /// <summary>(ROWID, guid) of chats with ROWID &gt; <paramref name="afterRowId"/>, ascending, at most <paramref name="limit"/>.</summary>
    public List<(long RowId, string Guid)> ChatsAfter(long afterRowId, int limit) => Guard(() =>
    {
        using var cmd = Command("SELECT ROWID, guid FROM chat WHERE ROWID > $after ORDER BY ROWID LIMIT $limit");
        cmd.Parameters.AddWithValue("$after", afterRowId);
        cmd.Parameters.AddWithValue("$limit", limit);
        var list = new List<(long, string)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add((r.GetInt64(0), r.GetString(1)));
        return list;
    });

    /// <summary>Highest chat ROWID (0 when none).</summary>
    public long MaxChatRowId() => Scalar<long>("SELECT MAX(ROWID) FROM chat") ?? 0;

    /// <summary>Chats whose last_read_message_timestamp (Apple ns) moved above <paramref name="after"/>, in that order.</summary>
    public List<(string Guid, long LastRead)> ChatsReadAfter(long after) => Guard(() =>
    {
        var list = new List<(string, long)>();
        if (!HasChatLastRead)
            return list;
        using var cmd = Command("SELECT guid, last_read_message_timestamp FROM chat WHERE last_read_message_timestamp > $after ORDER BY last_read_message_timestamp");
        cmd.Parameters.AddWithValue("$after", after);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add((r.GetString(0), r.GetInt64(1)));
        return list;
    });

    /// <summary>Highest chat.last_read_message_timestamp (0 when none or the column is absent).</summary>
    public long MaxChatLastRead() =>
        HasChatLastRead ? Scalar<long>("SELECT MAX(last_read_message_timestamp) FROM chat") ?? 0 : 0;

    /// <summary>guid of the message at <paramref name="rowId"/>, or null.</summary>
    public string? GuidAt(long rowId) => Guard(() =>
    {
        using var cmd = Command(GuidAtSql);
        cmd.Parameters.AddWithValue("$id", rowId);
        return cmd.ExecuteScalar() as string;
    });

    /// <summary>ROWID of the message with <paramref name="guid"/> (unique index), or null.</summary>
    public long? RowIdOf(string guid) => ScalarWith<long>(RowIdOfSql, "$g", guid);

    /// <summary>The highest ROWID message.AUTOINCREMENT has handed out (sqlite_sequence), or null.</summary>
    public long? MessageSequence() => Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'message'");

    /// <summary>ROWID of the newest row (by the indexed date) written at or before <paramref name="appleDate"/>, or null.</summary>
    public long? LastRowAtOrBefore(long appleDate) => ScalarWith<long>(LastAtOrBeforeSql, "$d", appleDate);

    /// <summary>ROWID of the oldest row (by the indexed date) written at or after <paramref name="appleDate"/>, or null.</summary>
    public long? FirstRowAtOrAfter(long appleDate) => ScalarWith<long>(FirstAtOrAfterSql, "$d", appleDate);

    /// <summary>message.date (Apple ns) of <paramref name="rowId"/>, or null.</summary>
    public long? DateAt(long rowId) => ScalarWith<long>(DateAtSql, "$id", rowId);

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

    private T? Scalar<T>(string sql) where T : struct => Guard(() =>
    {
        using var cmd = Command(sql);
        return cmd.ExecuteScalar() is T value ? value : (T?)null;
    });

    private T? ScalarWith<T>(string sql, string name, object value) where T : struct => Guard(() =>
    {
        using var cmd = Command(sql);
        cmd.Parameters.AddWithValue(name, value);
        return cmd.ExecuteScalar() is T result ? result : (T?)null;
    });
}
