using System.Globalization;
using System.Text;
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
public sealed class JournalStore : IDisposable
{
    private readonly JournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();
    private readonly SqliteCommand _insertEvent;
    private TaskCompletionSource _appendSignal = NewSignal();
    private long _lastCursor;
    private bool _disposed;

    /// <summary>Opens (creating if needed) the journal at <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The path is empty or names an in-memory database.</exception>
    public JournalStore(string path, JournalOptions options, TimeProvider time, ILogger<JournalStore> logger)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Trim() == ":memory:" || path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException(
                "The journal must be a file (e.g. journal.db in the agent's state directory): an in-memory journal " +
                "loses every event on restart.", nameof(path));

        Path = System.IO.Path.GetFullPath(path);
        _options = options;
        _time = time;
        _logger = logger;
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
            INSERT INTO journal_event (id, type, occurred_at, chat_guid, message_guid, data, appended_at)
            VALUES ($id, $type, $occurred, $chat, $message, $data, $appended)
            ON CONFLICT (id) DO NOTHING
            RETURNING cursor
            """;
        foreach (var name in new[] { "$id", "$type", "$occurred", "$chat", "$message", "$data", "$appended" })
            _insertEvent.Parameters.Add(new SqliteParameter(name, null));

        _lastCursor = ReadLastCursor(_writer);
        JournalLog.Opened(_logger, Path, _lastCursor);
    }

    /// <summary>Full path of journal.db.</summary>
    public string Path { get; }

    /// <summary>The connection string every connection to journal.db uses (WAL, pooled, 30 s busy timeout).</summary>
    public string ConnectionString { get; }

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

    /// <summary>Opens a new connection to journal.db (the caller disposes it). For tables that share the file.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Appends <paramref name="events"/> and, in the same transaction, moves <paramref name="cursor"/>'s source and
    /// runs <paramref name="alsoInTransaction"/> (e.g. an outbox state change). Events whose id the journal
    /// already holds are skipped (counted in <see cref="JournalAppendResult.Duplicates"/>), and so are repeats
    /// within the batch. Nothing is written if anything throws. Waiters are woken after the commit.
    /// </summary>
    public JournalAppendResult Append(
        IReadOnlyList<NewJournalEvent> events,
        JournalCursorUpdate? cursor = null,
        Action<SqliteTransaction>? alsoInTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var appended = new List<JournalEvent>(events.Count);
        var duplicates = 0;
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            using (var tx = _writer.BeginTransaction())
            {
                _insertEvent.Transaction = tx;
                foreach (var e in events)
                {
                    var result = InsertEvent(e, now);
                    if (result is long assigned)
                        appended.Add(new JournalEvent(assigned, e.Id, e.Type, e.OccurredAt.ToUniversalTime(), e.ChatGuid, e.MessageGuid, e.DataJson));
                    else
                        duplicates++;
                }

                if (cursor is not null)
                    WriteCursor(tx, cursor, now);
                alsoInTransaction?.Invoke(tx);
                tx.Commit();
            }

            if (appended.Count > 0)
            {
                InterlockedMax(ref _lastCursor, appended[^1].Cursor);
                Interlocked.Exchange(ref _appendSignal, NewSignal()).TrySetResult();
            }
        }

        if (duplicates > 0)
            JournalLog.DuplicatesSkipped(_logger, duplicates);
        if (appended.Count > 0)
            NotifyAppended(appended);
        return new JournalAppendResult(appended, duplicates);
    }

    /// <summary>
    /// Raised after each commit that added events (outside the write lock), with the events just appended.
    /// Observers (metrics) must be cheap; an observer that throws is logged and never fails the append,
    /// because the events are already durable.
    /// </summary>
    public event Action<IReadOnlyList<JournalEvent>>? Appended;

    private void NotifyAppended(IReadOnlyList<JournalEvent> appended)
    {
        try
        {
            Appended?.Invoke(appended);
        }
        catch (Exception ex)
        {
            JournalLog.AppendObserverFailed(_logger, ex);
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events with a cursor greater than <paramref name="afterCursor"/>, oldest first,
    /// optionally only of the given <paramref name="types"/> (null or empty: all types).
    /// </summary>
    public IReadOnlyList<JournalEvent> ReadAfter(long afterCursor, int limit, IReadOnlySet<string>? types = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        var sql = new StringBuilder(
            "SELECT cursor, id, type, occurred_at, chat_guid, message_guid, data FROM journal_event WHERE cursor > $after");
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

        var list = new List<JournalEvent>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new JournalEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6)));
        }
        return list;
    }

    /// <summary>The event with this id, or null.</summary>
    public JournalEvent? Find(string id)
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT cursor FROM journal_event WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() is long cursor ? ReadAfter(cursor - 1, 1).FirstOrDefault() : null;
    }

    /// <summary>Completes as soon as the journal holds a cursor greater than <paramref name="afterCursor"/>.</summary>
    /// <remarks>
    /// Appends in this process complete it at once; appends by another process are noticed within
    /// <see cref="JournalOptions.ExternalAppendPollInterval"/>.
    /// </remarks>
    public async Task WaitForAppendAsync(long afterCursor, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signal = Volatile.Read(ref _appendSignal);
            if (Volatile.Read(ref _lastCursor) > afterCursor)
                return;
            try
            {
                await signal.Task.WaitAsync(_options.ExternalAppendPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _ = LastCursor; // refreshes _lastCursor from the file
            }
        }
    }

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

    /// <summary>Number of events held.</summary>
    public long Count()
    {
        using var connection = OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM journal_event";
        return (long)cmd.ExecuteScalar()!;
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

    private long? InsertEvent(NewJournalEvent e, DateTimeOffset now)
    {
        var p = _insertEvent.Parameters;
        p[0].Value = e.Id;
        p[1].Value = e.Type;
        p[2].Value = e.OccurredAt.ToUnixTimeMilliseconds();
        p[3].Value = (object?)e.ChatGuid ?? DBNull.Value;
        p[4].Value = (object?)e.MessageGuid ?? DBNull.Value;
        p[5].Value = e.DataJson;
        p[6].Value = now.ToUnixTimeMilliseconds();
        return _insertEvent.ExecuteScalar() is long cursor ? cursor : null;
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

    private static long ReadLastCursor(SqliteConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT seq FROM sqlite_sequence WHERE name = 'journal_event'";
        return cmd.ExecuteScalar() is long seq ? seq : 0;
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
