using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Journal;

// Reading events: by cursor, by id, and the cursor range the journal holds.
public sealed partial class JournalStore
{
    /// <summary>
    /// The highest cursor ever assigned (0 for a new journal). Never goes backwards, even when pruning empties
    /// the journal. Reads the file, so it also sees appends made by another process.
    /// </summary>
    public long LastCursor
    {
        get
        {
            using var connection = OpenConnection();
            var last = ReadLastCursor(connection);
            InterlockedMax(ref _lastCursor, last);
            return Volatile.Read(ref _lastCursor);
        }
    }

    /// <summary>
    /// The smallest cursor still held, or <see cref="LastCursor"/> + 1 when the journal is empty. Cursors have gaps,
    /// so whether a consumer missed pruned events is decided by <see cref="PrunedThrough"/>, not by this.
    /// </summary>
    public long OldestCursor
    {
        get
        {
            using var connection = OpenConnection();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT MIN(cursor) FROM journal_event";
            return cmd.ExecuteScalar() is long oldest ? oldest : ReadLastCursor(connection) + 1;
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events with a cursor greater than <paramref name="afterCursor"/>, oldest first,
    /// optionally only of the given <paramref name="types"/> (null or empty: all types).
    /// </summary>
    public IReadOnlyList<JournalEvent> ReadAfter(long afterCursor, int limit, IReadOnlySet<string>? types = null)
    {
        using var connection = OpenConnection();
        using var cmd = PageCommand(connection, afterCursor, limit, types, "NULL");
        var list = new List<JournalEvent>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
            list.Add(ReadEvent(reader));
        return list;
    }

    /// <summary>The page query: the event's columns 0–6, then <paramref name="encodedColumn"/> as column 7.</summary>
    private static SqliteCommand PageCommand(SqliteConnection connection, long afterCursor, int limit, IReadOnlySet<string>? types, string encodedColumn)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = PageSql(limit, types, encodedColumn);
        var i = 0;
        foreach (var type in types ?? EmptyTypes)
            cmd.Parameters.AddWithValue(TypeParameter(i++), type);
        cmd.Parameters.AddWithValue("$after", afterCursor);
        cmd.Parameters.AddWithValue("$limit", limit);
        return cmd;
    }

    /// <summary>SELECT of a page: parameters $after, $limit and $t0… for <paramref name="types"/> in their enumeration order.</summary>
    private static string PageSql(int limit, IReadOnlySet<string>? types, string encodedColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var sql = new StringBuilder(
            $"SELECT cursor, id, type, occurred_at, chat_guid, message_guid, data, {encodedColumn} FROM journal_event WHERE cursor > $after");
        if (types is { Count: > 0 })
            sql.Append(" AND type IN (").AppendJoin(',', Enumerable.Range(0, types.Count).Select(TypeParameter)).Append(')');
        return sql.Append(" ORDER BY cursor LIMIT $limit").ToString();
    }

    private static string TypeParameter(int i) => "$t" + i.ToString(CultureInfo.InvariantCulture);

    private static readonly IReadOnlySet<string> EmptyTypes = new HashSet<string>();

    private static JournalEvent ReadEvent(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6));

    /// <summary>The event with this id, or null.</summary>
    public JournalEvent? Find(string id)
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT cursor FROM journal_event WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() is long cursor ? ReadAfter(cursor - 1, 1).FirstOrDefault() : null;
    }

    /// <summary>Number of events held.</summary>
    public long Count()
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM journal_event";
        return (long)cmd.ExecuteScalar()!;
    }

    private static long ReadLastCursor(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq FROM sqlite_sequence WHERE name = 'journal_event'";
        return cmd.ExecuteScalar() is long seq ? seq : 0;
    }
}
