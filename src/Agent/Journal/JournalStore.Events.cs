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

    /// <summary>
    /// <see cref="ReadAfter"/> for a reader of <paramref name="format"/>: each event as its stored encoded form when it
    /// was appended under that format and the form is at most <paramref name="maxEncodedBytes"/> long (then nothing
    /// else of the row is read), otherwise decoded, as <see cref="ReadAfter"/> returns it.
    /// </summary>
    public IReadOnlyList<EncodedJournalEvent> ReadEncodedAfter(long afterCursor, int limit, IReadOnlySet<string>? types, long format, int maxEncodedBytes)
    {
        using var connection = OpenConnection();
        MapForReading(connection);
        using var cmd = PageCommand(connection, afterCursor, limit, types,
            "CASE WHEN encoding = $format AND length(encoded) <= $maxEncoded THEN encoded END");
        cmd.Parameters.AddWithValue("$format", format);
        cmd.Parameters.AddWithValue("$maxEncoded", maxEncodedBytes);
        var list = new List<EncodedJournalEvent>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(reader.IsDBNull(7)
                ? new EncodedJournalEvent(reader.GetInt64(0), null, ReadEvent(reader))
                : new EncodedJournalEvent(reader.GetInt64(0), reader.GetFieldValue<byte[]>(7), null));
        }
        return list;
    }

    /// <summary>
    /// Lets SQLite read this connection's pages through a memory map instead of one pread() per page: a replay walks
    /// the whole file, so every page misses the connection's small cache, and the syscalls were a tenth of a replay's
    /// CPU. Only reads use the map (SQLite still writes with write()); per connection, so it is set on each page read
    /// (a pooled connection keeps it).
    /// </summary>
    private static void MapForReading(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA mmap_size = " + MmapBytes.ToString(CultureInfo.InvariantCulture);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Bytes of journal.db a reading connection maps (address space, not memory: the OS pages it in and out).</summary>
    private const long MmapBytes = 1L << 30;

    /// <summary>The page query: the event's columns 0–6, then <paramref name="encodedColumn"/> as column 7.</summary>
    private static SqliteCommand PageCommand(SqliteConnection connection, long afterCursor, int limit, IReadOnlySet<string>? types, string encodedColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var cmd = connection.CreateCommand();
        var sql = new StringBuilder(
            $"SELECT cursor, id, type, occurred_at, chat_guid, message_guid, data, {encodedColumn} FROM journal_event WHERE cursor > $after");
        if (types is { Count: > 0 })
        {
            sql.Append(" AND type IN (");
            var i = 0;
            foreach (var type in types)
            {
                var name = "$t" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i++ == 0 ? name : "," + name);
                cmd.Parameters.AddWithValue(name, type);
            }
            sql.Append(')');
        }
        sql.Append(" ORDER BY cursor LIMIT $limit");
        cmd.CommandText = sql.ToString();
        cmd.Parameters.AddWithValue("$after", afterCursor);
        cmd.Parameters.AddWithValue("$limit", limit);
        return cmd;
    }

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
