using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Outbox;

/// <summary>The outbox's tables in journal.db (created if missing; the journal's own tables are untouched).</summary>
public static class OutboxSchema
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS outbox_send (
            seq               INTEGER PRIMARY KEY AUTOINCREMENT,
            send_id           TEXT    NOT NULL UNIQUE,
            idempotency_key   TEXT    NOT NULL UNIQUE,
            fingerprint       TEXT    NOT NULL,
            kind              TEXT    NOT NULL,
            request_json      TEXT    NOT NULL,
            state             TEXT    NOT NULL,
            delivery          TEXT    NOT NULL DEFAULT 'none',
            accepted_at       INTEGER NOT NULL,
            updated_at        INTEGER NOT NULL,
            chat_guid         TEXT,
            message_guids     TEXT    NOT NULL DEFAULT '[]',
            error             TEXT,
            steps_done        INTEGER NOT NULL DEFAULT 0,
            inflight_snapshot INTEGER,
            staged_files      TEXT    NOT NULL DEFAULT '[]',
            script_started    INTEGER NOT NULL DEFAULT 0,
            failure_code      TEXT,
            delivered_at      INTEGER,
            read_at           INTEGER,
            sent_at           INTEGER
        );
        CREATE INDEX IF NOT EXISTS outbox_send_state ON outbox_send (state, seq);
        CREATE TABLE IF NOT EXISTS outbox_new_contact (
            handle     TEXT    PRIMARY KEY,
            send_id    TEXT    NOT NULL,
            counted_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS outbox_new_contact_time ON outbox_new_contact (counted_at);
        """;

    /// <summary>Creates the tables and indexes if they do not exist.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Ddl;
            command.ExecuteNonQuery();
        }
        // Outboxes created before the spawn mark existed get the column; their rows count as started (a step in
        // flight there may have reached osascript: the safe side). Every new step writes the column explicitly.
        AddColumnIfMissing(connection, "script_started", "INTEGER NOT NULL DEFAULT 1");
        // Older outboxes: failure codes and receipt times are unknown for their sends (NULL).
        AddColumnIfMissing(connection, "failure_code", "TEXT");
        AddColumnIfMissing(connection, "delivered_at", "INTEGER");
        AddColumnIfMissing(connection, "read_at", "INTEGER");
        AddColumnIfMissing(connection, "sent_at", "INTEGER");
    }

    private static void AddColumnIfMissing(SqliteConnection connection, string column, string definition)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('outbox_send') WHERE name = $c";
        columns.Parameters.AddWithValue("$c", column);
        if ((long)columns.ExecuteScalar()! != 0)
            return;
        using var alter = connection.CreateCommand();
        alter.CommandText = $"ALTER TABLE outbox_send ADD COLUMN {column} {definition}";
        alter.ExecuteNonQuery();
    }
}
