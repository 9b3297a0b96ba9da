using LineAgent.FakeChatDb.Schema;
using Microsoft.Data.Sqlite;

namespace LineAgent.FakeChatDb;

/// <summary>
/// A chat.db on disk with Apple's exact DDL, indexes and triggers, in WAL mode, plus writers that put rows in it the
/// way Messages does. The writer holds its own read-write connection (in production Messages is another process), so
/// readers see each write once it commits, through the WAL. Not thread-safe: one writer per instance.
/// </summary>
public sealed partial class FakeChatDatabase : IDisposable
{
    private static readonly DateTimeOffset AppleEpoch = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private readonly HashSet<string> _messageColumns;
    private readonly HashSet<string> _chatColumns;
    private readonly HashSet<string> _attachmentColumns;
    private RowInserter? _messageInserter;
    private RowInserter? _attachmentInserter;
    private SqliteCommand? _chatJoinInsert;
    private readonly Dictionary<(string Id, string Service), long> _handleCache = new();

    private FakeChatDatabase(string path, SchemaVariant variant, SqliteConnection connection)
    {
        Path = path;
        Variant = variant;
        _connection = connection;
        _messageColumns = Columns("message");
        _chatColumns = Columns("chat");
        _attachmentColumns = Columns("attachment");
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The schema this database was created with (or detected from its columns by <see cref="Open"/>).</summary>
    public SchemaVariant Variant { get; }

    /// <summary>The time writers use when a date is not given. Default: the wall clock (UTC).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The owner's address Messages records in account / destination_caller_id. Default "owner@example.com".</summary>
    public string OwnerAddress { get; set; } = "owner@example.com";

    /// <summary>
    /// Creates a new chat.db at <paramref name="path"/> (directories created; an existing file and its -wal/-shm are
    /// replaced) with the DDL, indexes and triggers of <paramref name="variant"/>, in WAL mode.
    /// </summary>
    public static FakeChatDatabase Create(string path, SchemaVariant variant) => Create(path, variant, withIndexes: true);

    /// <summary>
    /// Like <see cref="Create(string, SchemaVariant)"/> but without Apple's indexes, for generating large databases
    /// fast (index maintenance dominates bulk inserts; triggers are installed). Call <see cref="CreateIndexes"/> when
    /// the load is done.
    /// </summary>
    public static FakeChatDatabase CreateForBulkLoad(string path, SchemaVariant variant) => Create(path, variant, withIndexes: false);

    /// <summary>Creates Apple's indexes after <see cref="CreateForBulkLoad"/>.</summary>
    public void CreateIndexes() => ChatDbSchema.CreateIndexes(_connection, Variant);

    private static FakeChatDatabase Create(string path, SchemaVariant variant, bool withIndexes)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        foreach (var f in new[] { full, full + "-wal", full + "-shm" })
            File.Delete(f);

        var connection = Connect(full, SqliteOpenMode.ReadWriteCreate);
        using (var pragma = connection.CreateCommand())
        {
            // Messages keeps chat.db in WAL mode (chat.db-wal / chat.db-shm next to it).
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            pragma.ExecuteNonQuery();
        }
        ChatDbSchema.Create(connection, variant, withIndexes);
        return new FakeChatDatabase(full, variant, connection);
    }

    /// <summary>Opens an existing fake chat.db for writing (e.g. from the Messages simulator, another process). The
    /// variant is detected from the message columns.</summary>
    public static FakeChatDatabase Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException("No chat.db at this path; create one with FakeChatDatabase.Create.", full);
        var connection = Connect(full, SqliteOpenMode.ReadWrite);
        var db = new FakeChatDatabase(full, SchemaVariant.Sequoia, connection);
        var variant = DetectVariant(db._messageColumns);
        return variant == SchemaVariant.Sequoia ? db : new FakeChatDatabase(full, variant, connection);
    }

    private static SchemaVariant DetectVariant(HashSet<string> message) =>
        message.Contains("is_time_sensitive") ? SchemaVariant.Tahoe
        : message.Contains("associated_message_emoji") && message.Contains("sr_ck_sync_state") ? SchemaVariant.MigratedSr
        : message.Contains("associated_message_emoji") ? SchemaVariant.Sequoia
        : message.Contains("is_sos") ? SchemaVariant.Sonoma
        : SchemaVariant.Ventura;

    private static SqliteConnection Connect(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,          // Dispose really closes the file, so tests can delete it
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using (var busy = connection.CreateCommand())
        {
            busy.CommandText = "PRAGMA busy_timeout=5000;";
            busy.ExecuteNonQuery();
        }
        ChatDbSchema.RegisterTriggerFunctions(connection);
        return connection;
    }

    /// <summary>
    /// Starts a transaction that every writer joins until the returned scope is disposed (committed) — for generating
    /// large databases fast. Readers see nothing of it until then. Nested calls are not supported.
    /// </summary>
    public IDisposable Batch()
    {
        if (_transaction is not null)
            throw new InvalidOperationException("A batch is already open on this FakeChatDatabase.");
        _transaction = _connection.BeginTransaction();
        return new BatchScope(this);
    }

    private sealed class BatchScope(FakeChatDatabase db) : IDisposable
    {
        public void Dispose()
        {
            if (db._transaction is null) return;
            db._transaction.Commit();
            db._transaction.Dispose();
            db._transaction = null;
        }
    }

    /// <summary>Runs raw SQL on the writer connection (for shapes the writers do not cover). Parameters are $name → value.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs a scalar query on the writer connection.</summary>
    public object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query on the writer connection; every row as its column values (DBNull as null).</summary>
    public List<object?[]> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Folds the WAL back into chat.db (what SQLite's auto-checkpoint does every ~4 MB).</summary>
    public void Checkpoint() => Execute("PRAGMA wal_checkpoint(TRUNCATE);");

    /// <summary>True when the message table of this variant has <paramref name="column"/>.</summary>
    public bool HasMessageColumn(string column) => _messageColumns.Contains(column);

    /// <summary>Converts to chat.db's clock: nanoseconds since 2001-01-01 00:00:00 UTC (macOS 10.13+).</summary>
    public static long ToAppleNanoseconds(DateTimeOffset time) => (time - AppleEpoch).Ticks * 100;

    /// <summary>Seconds since 2001-01-01 UTC as a double (the clock of message_summary_info edit events).</summary>
    public static double ToAppleSeconds(DateTimeOffset time) => (time - AppleEpoch).TotalSeconds;

    internal static string NewGuid() => System.Guid.NewGuid().ToString().ToUpperInvariant();

    private long? AppleTime(DateTimeOffset? time) => time is { } t ? ToAppleNanoseconds(t) : null;

    /// <summary>Value for an unset date column: 0, except Tahoe's date_edited/date_retracted which default to NULL.</summary>
    private object? UnsetDate => Variant == SchemaVariant.Tahoe ? null : 0L;

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private HashSet<string> Columns(string table)
    {
        using var command = Command($"SELECT name FROM pragma_table_info('{table}')");
        using var reader = command.ExecuteReader();
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read()) set.Add(reader.GetString(0));
        return set;
    }

    public void Dispose()
    {
        if (_transaction is not null)
        {
            _transaction.Commit();
            _transaction.Dispose();
            _transaction = null;
        }
        _messageInserter?.Dispose();
        _attachmentInserter?.Dispose();
        _chatJoinInsert?.Dispose();
        _connection.Dispose();
    }
}
