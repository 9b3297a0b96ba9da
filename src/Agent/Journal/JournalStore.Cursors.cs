using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Journal;

// Source positions (journal_cursor) and per-item source state (journal_source_state), written only inside Append.
public sealed partial class JournalStore
{
    /// <summary>The position <paramref name="source"/> last committed, or null if it never appended.</summary>
    public string? ReadCursor(string source)
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT position FROM journal_cursor WHERE source = $source";
        cmd.Parameters.AddWithValue("$source", source);
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>All per-item state of <paramref name="source"/>, by key.</summary>
    public IReadOnlyDictionary<long, string> ReadSourceState(string source)
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT key, value FROM journal_source_state WHERE source = $source";
        cmd.Parameters.AddWithValue("$source", source);
        var state = new Dictionary<long, string>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
            state[reader.GetInt64(0)] = reader.GetString(1);
        return state;
    }

    private void WriteCursor(SqliteTransaction tx, JournalCursorUpdate cursor, DateTimeOffset now)
    {
        using var cmd = _writer.CreateCommand();
        cmd.Transaction = tx;
        cmd.Parameters.AddWithValue("$source", cursor.Source);
        if (cursor.ClearState)
        {
            cmd.CommandText = "DELETE FROM journal_source_state WHERE source = $source";
            cmd.ExecuteNonQuery();
        }
        if (cursor.RemoveStateBelow is long below)
        {
            cmd.CommandText = "DELETE FROM journal_source_state WHERE source = $source AND key < $below";
            cmd.Parameters.AddWithValue("$below", below);
            cmd.ExecuteNonQuery();
        }

        cmd.CommandText = """
            INSERT INTO journal_cursor (source, position, updated_at) VALUES ($source, $position, $now)
            ON CONFLICT (source) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
            """;
        cmd.Parameters.AddWithValue("$position", cursor.Position);
        cmd.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        cmd.ExecuteNonQuery();

        if (cursor.StateUpserts is { Count: > 0 } upserts)
        {
            using var upsert = _writer.CreateCommand();
            upsert.Transaction = tx;
            upsert.CommandText = "INSERT OR REPLACE INTO journal_source_state (source, key, value) VALUES ($source, $key, $value)";
            upsert.Parameters.AddWithValue("$source", cursor.Source);
            var key = upsert.Parameters.Add(new SqliteParameter("$key", null));
            var value = upsert.Parameters.Add(new SqliteParameter("$value", null));
            foreach (var (k, v) in upserts)
            {
                key.Value = k;
                value.Value = v;
                upsert.ExecuteNonQuery();
            }
        }
    }
}
