using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LineAgent.Agent.Journal;

// Reading pages for a reader of an encoding (StreamEvents): the hot loop of a replay, so it steps the statement with
// SQLite's own API (one native call per column, the encoding copied once out of SQLite's buffer) instead of the
// ADO.NET reader, which checks and converts every value.
public sealed partial class JournalStore
{
    /// <summary>
    /// <see cref="ReadAfter"/> for a reader of <paramref name="encoding"/>: each event as its stored encoded form (framed
    /// by <see cref="IJournalEventEncoder.Frame"/>) when it was appended under that format and the stored form is at most
    /// <paramref name="maxEncodedBytes"/> long (then nothing else of the row is read), otherwise decoded, exactly as
    /// <see cref="ReadAfter"/> returns it.
    /// </summary>
    public IReadOnlyList<EncodedJournalEvent> ReadEncodedAfter(long afterCursor, int limit, IReadOnlySet<string>? types, IJournalEventEncoder encoding, int maxEncodedBytes)
    {
        var sql = PageSql(limit, types, "CASE WHEN encoding = $format AND length(encoded) <= $maxEncoded THEN encoded END");
        using var connection = OpenConnection();
        MapForReading(connection);
        var db = connection.Handle!;
        // A reader in WAL mode waits only while another connection recovers the WAL; wait as the ADO.NET path would.
        raw.sqlite3_busy_timeout(db, (int)TimeSpan.FromSeconds(30).TotalMilliseconds);
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var stmt));
        using (stmt)
        {
            Bind(db, stmt, "$after", afterCursor);
            Bind(db, stmt, "$limit", limit);
            Bind(db, stmt, "$format", encoding.Format);
            Bind(db, stmt, "$maxEncoded", maxEncodedBytes);
            var i = 0;
            foreach (var type in types ?? EmptyTypes)
                Check(db, raw.sqlite3_bind_text(stmt, raw.sqlite3_bind_parameter_index(stmt, TypeParameter(i++)), type));

            var list = new List<EncodedJournalEvent>(Math.Min(limit, 1024));
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                var cursor = raw.sqlite3_column_int64(stmt, 0);
                list.Add(raw.sqlite3_column_type(stmt, 7) == raw.SQLITE_NULL
                    ? new EncodedJournalEvent(cursor, null, new JournalEvent(
                        cursor,
                        Text(stmt, 1)!,
                        Text(stmt, 2)!,
                        DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(stmt, 3)),
                        Text(stmt, 4),
                        Text(stmt, 5),
                        Text(stmt, 6)!))
                    : new EncodedJournalEvent(cursor, encoding.Frame(cursor, raw.sqlite3_column_blob(stmt, 7)), null));
            }
            if (rc != raw.SQLITE_DONE)
                Check(db, rc);
            return list;
        }
    }

    /// <summary>A TEXT column as .NET decodes it (null for NULL).</summary>
    private static string? Text(sqlite3_stmt stmt, int column) =>
        raw.sqlite3_column_type(stmt, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(stmt, column).utf8_to_string();

    private static void Bind(sqlite3 db, sqlite3_stmt stmt, string name, long value)
    {
        var index = raw.sqlite3_bind_parameter_index(stmt, name);
        if (index > 0)
            Check(db, raw.sqlite3_bind_int64(stmt, index, value));
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
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
}
