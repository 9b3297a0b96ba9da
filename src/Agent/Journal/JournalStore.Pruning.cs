using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Journal;

// Retention: deletes old events in small batches and keeps the durable pruned-through mark.
public sealed partial class JournalStore
{
    /// <summary>
    /// The highest cursor pruning has ever deleted (0 when nothing was pruned). A consumer whose cursor is below it
    /// may have missed pruned events; one at or above it has missed nothing, whatever gaps the cursors have.
    /// </summary>
    public long PrunedThrough
    {
        get
        {
            using var connection = OpenConnection();
            return ReadPrunedThrough(connection, null);
        }
    }

    /// <summary>
    /// Deletes events appended before <paramref name="appendedBefore"/> and all but the newest
    /// <paramref name="keepNewest"/>, in transactions of at most <paramref name="batchSize"/> rows so appends never
    /// wait long. Returns how many were deleted.
    /// </summary>
    public long Prune(DateTimeOffset appendedBefore, int keepNewest, int batchSize)
    {
        long upTo = 0;
        using (var connection = OpenConnection())
        {
            using var byAge = connection.CreateCommand();
            // The appended_at index finds the newest expired event in O(log n); appended_at rises with cursor.
            byAge.CommandText = "SELECT cursor FROM journal_event WHERE appended_at < $cutoff ORDER BY appended_at DESC LIMIT 1";
            byAge.Parameters.AddWithValue("$cutoff", appendedBefore.ToUnixTimeMilliseconds());
            if (byAge.ExecuteScalar() is long ageLimit)
                upTo = ageLimit;

            using var byCount = connection.CreateCommand();
            byCount.CommandText = "SELECT cursor FROM journal_event ORDER BY cursor DESC LIMIT 1 OFFSET $keep";
            byCount.Parameters.AddWithValue("$keep", keepNewest);
            if (byCount.ExecuteScalar() is long countLimit)
                upTo = Math.Max(upTo, countLimit);
        }

        long deleted = 0;
        while (upTo > 0)
        {
            int batch;
            lock (_writeLock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                using var tx = _writer.BeginTransaction();
                using var cmd = _writer.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = """
                    DELETE FROM journal_event WHERE cursor IN
                        (SELECT cursor FROM journal_event WHERE cursor <= $upTo ORDER BY cursor LIMIT $batch)
                    RETURNING cursor
                    """;
                cmd.Parameters.AddWithValue("$upTo", upTo);
                cmd.Parameters.AddWithValue("$batch", batchSize);
                batch = 0;
                long highest = 0;
                using (var reader = cmd.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        batch++;
                        highest = Math.Max(highest, reader.GetInt64(0));
                    }
                }
                if (batch > 0)
                    WritePrunedThrough(tx, highest);
                tx.Commit();
            }
            deleted += batch;
            if (batch < batchSize)
                break;
        }
        return deleted;
    }

    private void WritePrunedThrough(SqliteTransaction tx, long highestDeleted)
    {
        using var cmd = _writer.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "INSERT OR REPLACE INTO journal_meta (key, value) VALUES ($key, $value)";
        cmd.Parameters.AddWithValue("$key", JournalSchema.PrunedThroughKey);
        cmd.Parameters.AddWithValue("$value",
            Math.Max(ReadPrunedThrough(_writer, tx), highestDeleted).ToString(CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
    }

    private static long ReadPrunedThrough(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT value FROM journal_meta WHERE key = $key";
        cmd.Parameters.AddWithValue("$key", JournalSchema.PrunedThroughKey);
        return cmd.ExecuteScalar() is string value ? long.Parse(value, CultureInfo.InvariantCulture) : 0;
    }
}
