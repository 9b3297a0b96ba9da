using LineAgent.ChatDbReader.Tables;
using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader;

/// <summary>
/// Messages' chat.db, opened strictly read-only. Every read is a short autocommit statement, so each call sees the
/// latest commits Messages made through the WAL (a statement left open would pin an old snapshot). Not thread-safe:
/// use one instance per thread. Reads that hit a Full Disk Access denial throw <see cref="ChatDbOpenException"/>.
/// </summary>
public sealed partial class ChatDb : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ChatDbOptions _options;
    private readonly MessageQuery _messageQuery;
    private readonly AttachmentQuery _attachmentQuery;
    private readonly ChatQuery _chatQuery;
    private readonly FingerprintQuery _fingerprintQuery;
    private readonly StatementCache _statements;

    private ChatDb(string path, SqliteConnection connection, ChatDbCapabilities capabilities, ChatDbOptions options)
    {
        Path = path;
        _connection = connection;
        Capabilities = capabilities;
        _options = options;
        _messageQuery = new MessageQuery(capabilities);
        _attachmentQuery = new AttachmentQuery(capabilities);
        _chatQuery = new ChatQuery(capabilities);
        _fingerprintQuery = new FingerprintQuery(capabilities);
        _statements = new StatementCache(connection);
    }

    /// <summary>The opened file.</summary>
    public string Path { get; }

    /// <summary>What this database's schema has (probed once at open).</summary>
    public ChatDbCapabilities Capabilities { get; }

    /// <summary>
    /// Opens chat.db read-only (SQLite Mode=ReadOnly; immutable=1, which would ignore a WAL and hide recent messages,
    /// only for a read-only copy that has neither -wal nor -shm and whose folder SQLite may not write), probes the schema and runs a first query (SELECT MAX(ROWID) FROM message), because without Full
    /// Disk Access the open itself may succeed and only the first query fail.
    /// </summary>
    /// <exception cref="ChatDbOpenException">Missing file, not a database, not chat.db, or Full Disk Access denied
    /// (its message names the process to grant it to).</exception>
    public static ChatDb Open(string path, ChatDbOptions? options = null) => Open(path, options ?? new ChatDbOptions(), null);

    /// <summary>Test seam: <paramref name="onConnectionOpened"/> runs on the raw connection after it opened and before
    /// the first query (e.g. to install an SQLite authorizer that denies reads, like macOS TCC does).</summary>
    internal static ChatDb Open(string path, ChatDbOptions options, Action<SqliteConnection>? onConnectionOpened)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new ChatDbOpenException(ChatDbOpenFailure.NotADatabase, full, $"{full} is a directory, not Messages' chat.db file.");
        if (ChatDbErrors.IsAbsent(full))
            throw ChatDbErrors.Missing(full);
        try
        {
            return Open(full, options, onConnectionOpened, immutable: false);
        }
        catch (ChatDbOpenException ex) when (ex.Reason == ChatDbOpenFailure.ReadOnlyLocation && ReadOnlyCopy.IsComplete(full))
        {
            // A WAL-mode copy without -wal and -shm in a folder SQLite may not write (a backup, a read-only mount):
            // all its content is in chat.db itself, so immutable=1 (no locks, no -shm) hides nothing.
            return Open(full, options, onConnectionOpened, immutable: true);
        }
    }

    private static ChatDb Open(string full, ChatDbOptions options, Action<SqliteConnection>? onConnectionOpened, bool immutable)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? ReadOnlyCopy.ImmutableUri(full) : full,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString());
        try
        {
            connection.Open();
            onConnectionOpened?.Invoke(connection);
            using (var busy = connection.CreateCommand())
            {
                busy.CommandText = $"PRAGMA busy_timeout={(long)options.BusyTimeout.TotalMilliseconds};";
                busy.ExecuteNonQuery();
            }
            var capabilities = ChatDbCapabilities.Probe(connection);
            var db = new ChatDb(full, connection, capabilities, options);
            db.EnsureChatDatabase();
            db.MaxMessageRowId();        // the real permission probe: TCC may only refuse here (SQLite 23)
            return db;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw ChatDbErrors.Translate(ex, full);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Process-wide: SQLite without its per-connection mutex (SQLITE_CONFIG_MULTITHREAD), which every column read
    /// otherwise takes and releases. Only for a process that uses each connection from one thread at a time, called
    /// before it opens any SQLite file (`lineagent export`: one connection, one thread). Returns false, changing
    /// nothing, once SQLite is initialized (any connection was opened) or when the library was built single-threaded.
    /// </summary>
    public static bool TryUseSingleThreadedConnections()
    {
        SQLitePCL.Batteries_V2.Init();
        return SQLitePCL.raw.sqlite3_threadsafe() != 0 && SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD) == SQLitePCL.raw.SQLITE_OK;
    }

    /// <summary>The highest message ROWID (0 for an empty table). New rows always get a higher ROWID (AUTOINCREMENT).</summary>
    public long MaxMessageRowId() => Scalar(MaxRowIdSql) ?? 0;

    /// <summary>
    /// PRAGMA data_version: changes whenever another connection (Messages) commits to the database. Cheap; compare
    /// successive values to know whether anything changed since the last read.
    /// </summary>
    public long DataVersion() => Scalar("PRAGMA data_version") ?? 0;

    private void EnsureChatDatabase()
    {
        var missing = TableNames.Required.Where(t => Capabilities.Columns(t).Count == 0).ToList();
        if (missing.Count > 0 || !Capabilities.Has(TableNames.Message, "guid"))
            throw new ChatDbOpenException(ChatDbOpenFailure.NotAChatDatabase, Path,
                $"{Path} is an SQLite database but not Messages' chat.db (missing tables: {string.Join(", ", missing.DefaultIfEmpty("message.guid"))}).");
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Runs a read, turning SQLite failures (e.g. Full Disk Access revoked: 14/23) into <see cref="ChatDbOpenException"/>.</summary>
    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (SqliteException ex)
        {
            throw ChatDbErrors.Translate(ex, Path);
        }
    }

    public void Dispose()
    {
        _statements.Dispose();      // finalized before the connection closes
        _connection.Dispose();
    }
}
