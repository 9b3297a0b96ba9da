using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// The change feed's own small queries on chat.db (read-only connection, short autocommit statements): the mutable
/// columns of a ROWID range, new chats, chats marked read, and identity anchors. Full rows are read through
/// <see cref="LineAgent.ChatDbReader.ChatDb"/>. Every query is bounded by an index (ROWID, guid, date) except the
/// chat.last_read_message_timestamp check, which scans the chat table — one row per conversation, not per message.
/// </summary>
internal sealed class ChatDbProbe : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _fingerprintSql;
    private readonly bool _hasChatLastRead;
    private readonly bool _hasProperties;

    public ChatDbProbe(string path, TimeSpan busyTimeout)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString());
        _connection.Open();
        Exec($"PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds};");

        var message = Columns("message");
        var attachment = Columns("attachment");
        var join = Columns("message_attachment_join");
        _hasChatLastRead = Columns("chat").Contains("last_read_message_timestamp");
        _hasProperties = Columns("_SqliteDatabaseProperties").Contains("key");

        string Col(string name) => message.Contains(name) ? "m." + name : "NULL";
        var attachments = attachment.Contains("transfer_state") && join.Contains("message_id")
            ? "(SELECT group_concat(a.ROWID || ':' || a.transfer_state, ',') FROM message_attachment_join j " +
              "JOIN attachment a ON a.ROWID = j.attachment_id WHERE j.message_id = m.ROWID)"
            : "NULL";
        // cache_has_attachments is kept by Apple's trigger on message_attachment_join: skip the lookup for the rest.
        if (message.Contains("cache_has_attachments") && attachments != "NULL")
            attachments = $"CASE WHEN m.cache_has_attachments = 1 THEN {attachments} END";
        var summaryLength = message.Contains("message_summary_info") ? "length(m.message_summary_info)" : "NULL";

        _fingerprintSql = $"""
            SELECT m.ROWID, m.guid, {Col("is_sent")}, {Col("error")}, {Col("is_delivered")}, {Col("date_delivered")},
                   {Col("is_read")}, {Col("date_read")}, {Col("date_edited")}, {Col("date_retracted")}, {Col("is_empty")},
                   {Col("part_count")}, {summaryLength}, {attachments}
            FROM message m WHERE m.ROWID > $after AND m.ROWID <= $to ORDER BY m.ROWID LIMIT $limit
            """;
    }

    /// <summary>
    /// Fingerprints of the mutable columns of rows with <paramref name="afterRowId"/> &lt; ROWID ≤ <paramref name="toRowId"/>
    /// (at most <paramref name="limit"/>, ascending): is_sent, error, is_delivered, date_delivered, is_read, date_read,
    /// date_edited, date_retracted, is_empty, part_count, the size of message_summary_info and each attachment's
    /// transfer_state. Two reads of an unchanged row give the same string.
    /// </summary>
    public List<RowFingerprint> Fingerprints(long afterRowId, long toRowId, int limit)
    {
        using var cmd = Command(_fingerprintSql);
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
    }

    /// <summary>(ROWID, guid) of chats with ROWID &gt; <paramref name="afterRowId"/>, ascending.</summary>
    public List<(long RowId, string Guid)> ChatsAfter(long afterRowId, int limit)
    {
        using var cmd = Command("SELECT ROWID, guid FROM chat WHERE ROWID > $after ORDER BY ROWID LIMIT $limit");
        cmd.Parameters.AddWithValue("$after", afterRowId);
        cmd.Parameters.AddWithValue("$limit", limit);
        var list = new List<(long, string)>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add((r.GetInt64(0), r.GetString(1)));
        return list;
    }

    /// <summary>Highest chat ROWID (0 when none).</summary>
    public long MaxChatRowId() => Scalar<long>("SELECT MAX(ROWID) FROM chat") ?? 0;

    /// <summary>Chats whose last_read_message_timestamp (Apple ns) moved above <paramref name="after"/>.</summary>
    public List<(string Guid, long LastRead)> ChatsReadAfter(long after)
    {
        var list = new List<(string, long)>();
        if (!_hasChatLastRead)
            return list;
        using var cmd = Command("SELECT guid, last_read_message_timestamp FROM chat WHERE last_read_message_timestamp > $after ORDER BY last_read_message_timestamp");
        cmd.Parameters.AddWithValue("$after", after);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add((r.GetString(0), r.GetInt64(1)));
        return list;
    }

    /// <summary>Highest chat.last_read_message_timestamp (0 when none or the column is absent).</summary>
    public long MaxChatLastRead() =>
        _hasChatLastRead ? Scalar<long>("SELECT MAX(last_read_message_timestamp) FROM chat") ?? 0 : 0;

    /// <summary>guid of the message at <paramref name="rowId"/>, or null.</summary>
    public string? GuidAt(long rowId)
    {
        using var cmd = Command("SELECT guid FROM message WHERE ROWID = $id");
        cmd.Parameters.AddWithValue("$id", rowId);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>ROWID of the message with <paramref name="guid"/> (unique index), or null.</summary>
    public long? RowIdOf(string guid)
    {
        using var cmd = Command("SELECT ROWID FROM message WHERE guid = $g");
        cmd.Parameters.AddWithValue("$g", guid);
        return cmd.ExecuteScalar() as long?;
    }

    /// <summary>The highest ROWID message.AUTOINCREMENT has handed out (sqlite_sequence), or null.</summary>
    public long? MessageSequence() => Scalar<long>("SELECT seq FROM sqlite_sequence WHERE name = 'message'");

    /// <summary>Highest message ROWID (0 for none).</summary>
    public long MaxMessageRowId() => Scalar<long>("SELECT MAX(ROWID) FROM message") ?? 0;

    /// <summary>ROWID of the newest row (by the indexed date) written at or before <paramref name="appleDate"/>, or null.</summary>
    public long? LastRowAtOrBefore(long appleDate)
    {
        using var cmd = Command("SELECT ROWID FROM message WHERE date <= $d ORDER BY date DESC LIMIT 1");
        cmd.Parameters.AddWithValue("$d", appleDate);
        return cmd.ExecuteScalar() as long?;
    }

    /// <summary>ROWID of the oldest row (by the indexed date) written at or after <paramref name="appleDate"/>, or null.</summary>
    public long? FirstRowAtOrAfter(long appleDate)
    {
        using var cmd = Command("SELECT ROWID FROM message WHERE date >= $d ORDER BY date LIMIT 1");
        cmd.Parameters.AddWithValue("$d", appleDate);
        return cmd.ExecuteScalar() as long?;
    }

    /// <summary>message.date (Apple ns) of <paramref name="rowId"/>, or null.</summary>
    public long? DateAt(long rowId)
    {
        using var cmd = Command("SELECT date FROM message WHERE ROWID = $id");
        cmd.Parameters.AddWithValue("$id", rowId);
        return cmd.ExecuteScalar() as long?;
    }

    /// <summary>_SqliteDatabaseProperties._UniqueIdentifier (a UUID Messages gives each database), or null.</summary>
    public string? UniqueIdentifier()
    {
        if (!_hasProperties)
            return null;
        using var cmd = Command("SELECT value FROM _SqliteDatabaseProperties WHERE key = '_UniqueIdentifier'");
        return cmd.ExecuteScalar() as string;
    }

    public void Dispose() => _connection.Dispose();

    private HashSet<string> Columns(string table)
    {
        using var cmd = Command("SELECT name FROM pragma_table_info($t)");
        cmd.Parameters.AddWithValue("$t", table);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            set.Add(r.GetString(0));
        return set;
    }

    private T? Scalar<T>(string sql) where T : struct
    {
        using var cmd = Command(sql);
        return cmd.ExecuteScalar() is T value ? value : null;
    }

    private void Exec(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }
}

/// <summary>The mutable columns of one message row, as one comparable string.</summary>
internal readonly record struct RowFingerprint(long RowId, string Guid, string Value);
