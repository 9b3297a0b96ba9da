using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Journal;

/// <summary>
/// The journal's tables in journal.db. Versioned in journal_meta (not PRAGMA user_version: the outbox shares the
/// file and keeps its own version). Every statement is idempotent, so opening an existing file is safe.
/// </summary>
internal static class JournalSchema
{
    /// <summary>Bumped when the tables below change; older files are migrated in <see cref="Apply"/>.</summary>
    /// <remarks>
    /// 2: journal_meta 'pruned_through', which every pruner must maintain (an older agent would not).
    /// The encoded/encoding columns (<see cref="AddEncodedColumns"/>) need no version: an older agent ignores them and
    /// leaves them NULL in the rows it appends, which readers then decode as before.
    /// </remarks>
    public const int Version = 2;

    /// <summary>
    /// journal_meta key: the highest cursor pruning has ever deleted (0 = nothing pruned). Written in the same
    /// transaction as each prune, because cursors are not dense (a skipped duplicate still consumes one), so the
    /// oldest cursor held cannot tell a pruned event from one that never existed.
    /// </summary>
    public const string PrunedThroughKey = "pruned_through";

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS journal_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL);

        -- cursor: AUTOINCREMENT so a cursor is never reused, even after the newest events were pruned.
        -- occurred_at / appended_at: Unix milliseconds (UTC).
        CREATE TABLE IF NOT EXISTS journal_event (
            cursor       INTEGER PRIMARY KEY AUTOINCREMENT,
            id           TEXT NOT NULL UNIQUE,
            type         TEXT NOT NULL,
            occurred_at  INTEGER NOT NULL,
            chat_guid    TEXT,
            message_guid TEXT,
            data         TEXT NOT NULL,
            appended_at  INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS journal_event_appended_at ON journal_event (appended_at);

        -- Where each source (e.g. the chat.db change feed) has got to; written in the same transaction as the
        -- events it produced.
        CREATE TABLE IF NOT EXISTS journal_cursor (
            source     TEXT PRIMARY KEY,
            position   TEXT NOT NULL,
            updated_at INTEGER NOT NULL);

        -- Per-item state a source compares against (e.g. the mutable columns of recent chat.db rows), keyed by an
        -- integer (the chat.db ROWID) so a bounded window can be trimmed with one range delete.
        CREATE TABLE IF NOT EXISTS journal_source_state (
            source TEXT NOT NULL,
            key    INTEGER NOT NULL,
            value  TEXT NOT NULL,
            PRIMARY KEY (source, key)) WITHOUT ROWID;
        """;

    public static void Apply(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = Ddl;
            cmd.ExecuteNonQuery();
        }

        using (var read = connection.CreateCommand())
        {
            read.Transaction = tx;
            read.CommandText = "SELECT value FROM journal_meta WHERE key = 'schema_version'";
            var existing = read.ExecuteScalar() as string;
            if (existing is not null && int.Parse(existing, System.Globalization.CultureInfo.InvariantCulture) > Version)
                throw new InvalidOperationException(
                    $"journal.db has schema version {existing}, newer than this agent understands ({Version}). " +
                    "Run the newer agent, or move journal.db aside to start a fresh journal.");
        }

        using (var migrate = connection.CreateCommand())
        {
            // Version 1 files have no mark: everything below the oldest event held is taken as pruned (all of it
            // when the journal is empty), which may over-report a legacy gap but never hides a pruned event.
            migrate.Transaction = tx;
            migrate.CommandText = $"""
                INSERT OR IGNORE INTO journal_meta (key, value)
                SELECT '{PrunedThroughKey}', CAST(COALESCE(
                    (SELECT MIN(cursor) - 1 FROM journal_event),
                    (SELECT seq FROM sqlite_sequence WHERE name = 'journal_event'),
                    0) AS TEXT)
                """;
            migrate.ExecuteNonQuery();
        }

        AddEncodedColumns(connection, tx);

        using (var write = connection.CreateCommand())
        {
            write.Transaction = tx;
            write.CommandText = "INSERT OR REPLACE INTO journal_meta (key, value) VALUES ('schema_version', $v)";
            write.Parameters.AddWithValue("$v", Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            write.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>
    /// journal_event.encoded: the event's <see cref="IJournalEventEncoder"/> form, written at append (NULL without an
    /// encoder); journal_event.encoding: that encoder's <see cref="IJournalEventEncoder.Format"/>. Added to files
    /// created before them (ALTER TABLE ADD COLUMN with no default rewrites nothing: existing rows read NULL).
    /// </summary>
    private static void AddEncodedColumns(SqliteConnection connection, SqliteTransaction tx)
    {
        using var probe = connection.CreateCommand();
        probe.Transaction = tx;
        probe.CommandText = "SELECT COUNT(*) FROM pragma_table_info('journal_event') WHERE name IN ('encoded', 'encoding')";
        if ((long)probe.ExecuteScalar()! == 2)
            return;
        using var alter = connection.CreateCommand();
        alter.Transaction = tx;
        alter.CommandText = "ALTER TABLE journal_event ADD COLUMN encoded BLOB; ALTER TABLE journal_event ADD COLUMN encoding INTEGER;";
        alter.ExecuteNonQuery();
    }
}
