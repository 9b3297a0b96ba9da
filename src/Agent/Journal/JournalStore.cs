using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Journal;

/// <summary>
/// The agent-owned event journal: an append-only SQLite table in journal.db (WAL mode), plus the positions of the
/// sources that feed it. Appending events and advancing a source's cursor happen in ONE transaction, and event
/// ids are unique, so a process killed at any instant neither loses nor repeats an event when it restarts.
/// </summary>
/// <remarks>
/// Thread-safe. Appends are serialised on one writer connection; reads use pooled connections and never block
/// appends (WAL). Other components that keep tables in the same file (the outbox) use <see cref="OpenConnection"/>
/// and can join an append's transaction through the <c>alsoInTransaction</c> callback of <see cref="Append"/>.
/// De-duplication holds for ids still in the journal: an id pruned by retention could be appended again, which
/// the change feed never does because it only re-reads rows newer than its cursor's window.
/// </remarks>
public sealed partial class JournalStore : IDisposable
{
    private readonly JournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly SqliteCommand _insertEvent;
    private readonly IJournalEventEncoder? _encoder;
    private TaskCompletionSource _appendSignal = NewSignal();
    private long _lastCursor;
    private bool _disposed;

    /// <summary>Opens (creating if needed) the journal at <paramref name="path"/>.</summary>
    /// <param name="encoder">Computes the encoded form stored with each appended event (<see cref="ReadEncodedAfter"/>); none when null.</param>
    /// <exception cref="ArgumentException">The path is empty or names an in-memory database.</exception>
    public JournalStore(string path, JournalOptions options, TimeProvider time, ILogger<JournalStore> logger, IJournalEventEncoder? encoder = null)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Trim() == ":memory:" || path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                "The journal must be a file (e.g. journal.db in the agent's state directory): an in-memory journal " +
                "loses every event on restart.", nameof(path));

        Path = System.IO.Path.GetFullPath(path);
        _options = options;
        _time = time;
        _logger = logger;
        _encoder = encoder;
        CreateOwnerOnlyDirectory(System.IO.Path.GetDirectoryName(Path)!);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        _writer = new SqliteConnection(ConnectionString);
        _writer.Open();
        // journal.db holds every message text. SQLite creates it with the umask's mode (0644) and gives its -wal
        // and -shm the database file's mode, so the file is made 0600 by path (chmod, never another open: that
        // would drop SQLite's locks) before WAL mode creates the others; files left by older versions too.
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            Configuration.PrivateStateDirectory.RestrictFile(Path + suffix);
        Exec(_writer, "PRAGMA journal_mode=WAL;");
        Exec(_writer, _options.SyncEveryCommit ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        Exec(_writer, "PRAGMA busy_timeout=10000;");
        JournalSchema.Apply(_writer);

        _insertEvent = _writer.CreateCommand();
        _insertEvent.CommandText = """
            INSERT INTO journal_event (id, type, occurred_at, chat_guid, message_guid, data, appended_at, encoded, encoding)
            VALUES ($id, $type, $occurred, $chat, $message, $data, $appended, $encoded, $encoding)
            ON CONFLICT (id) DO NOTHING
            RETURNING cursor
            """;
        foreach (var name in new[] { "$id", "$type", "$occurred", "$chat", "$message", "$data", "$appended", "$encoded", "$encoding" })
            _insertEvent.Parameters.Add(new SqliteParameter(name, null));

        _lastCursor = ReadLastCursor(_writer);
        JournalLog.Opened(_logger, Path, _lastCursor);
    }

    /// <summary>Full path of journal.db.</summary>
    public string Path { get; }

    /// <summary>The connection string every connection to journal.db uses (WAL, pooled, 30 s busy timeout).</summary>
    public string ConnectionString { get; }

    /// <summary>Opens a new connection to journal.db (the caller disposes it). For tables that share the file.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _insertEvent.Dispose();
            SqliteConnection.ClearPool(_writer);
            _writer.Dispose();
        }
        Interlocked.Exchange(ref _appendSignal, NewSignal()).TrySetCanceled();
    }

    private static void CreateOwnerOnlyDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, Configuration.PrivateStateDirectory.DirectoryMode); // the mode applies to new directories only
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
