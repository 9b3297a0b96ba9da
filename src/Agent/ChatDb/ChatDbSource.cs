using System.Collections.Concurrent;
using LineAgent.Agent.Configuration;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Options;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

namespace LineAgent.Agent.ChatDb;

/// <summary>
/// The agent's one door to Messages' chat.db: the resolved path (Agent:ChatDbPath with "~/" expanded), read-only
/// connections through the reader, and the readability probe. Everything that reads chat.db goes through here, and
/// only SQLite ever opens the file: closing any other descriptor of chat.db (or its -wal/-shm) would drop the POSIX
/// locks SQLite holds for every connection of this process, and the next writer that closes would delete the WAL
/// under them (sqlite.org, "How To Corrupt An SQLite Database File" §2.2).
/// </summary>
/// <remarks>
/// Failures surface as <see cref="ChatDbOpenException"/> only. <see cref="Read{T}"/> rents pooled connections (a
/// <see cref="ChatDatabase"/> is not thread-safe; opening probes the schema, so instances are reused), dropping one
/// that failed mid-read.
/// </remarks>
public sealed class ChatDbSource : IDisposable
{
    /// <summary>Idle connections kept for reuse by <see cref="Read{T}"/>.</summary>
    public const int MaxIdle = 4;

    private readonly ConcurrentBag<ChatDatabase> _idle = [];
    private bool _disposed;

    public ChatDbSource(IOptions<AgentOptions> agent)
        : this(agent.Value.ChatDbPath)
    {
    }

    /// <summary>A source for <paramref name="configuredPath"/> as an operator wrote it ("~/" allowed).</summary>
    public ChatDbSource(string configuredPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuredPath);
        Path = System.IO.Path.GetFullPath(AgentPaths.ExpandHome(configuredPath));
    }

    /// <summary>chat.db's full path, "~/" expanded.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens a connection the caller owns (the change feed keeps one for its session).
    /// </summary>
    /// <exception cref="ChatDbOpenException">Missing, not chat.db, or Full Disk Access denied.</exception>
    public ChatDatabase Open(ChatDbOptions? options = null) => ChatDatabase.Open(Path, options);

    /// <summary>Runs <paramref name="read"/> on a pooled connection.</summary>
    /// <exception cref="ChatDbOpenException">chat.db could not be opened or read.</exception>
    public T Read<T>(Func<ChatDatabase, T> read)
    {
        if (!_idle.TryTake(out var db))
            db = Open();
        var healthy = false;
        try
        {
            var result = read(db);
            healthy = true;
            return result;
        }
        finally
        {
            // A connection that failed mid-read is dropped rather than reused.
            if (healthy && !_disposed && _idle.Count < MaxIdle)
                _idle.Add(db);
            else
                db.Dispose();
        }
    }

    /// <summary>
    /// Whether chat.db can be read now, proven through SQLite: a fresh read-only open (so a deleted or replaced file
    /// is noticed) that checks the schema and runs SELECT MAX(ROWID) FROM message, the query macOS refuses without
    /// Full Disk Access. Never throws; the problem says what to do.
    /// </summary>
    public ChatDbReadability CheckReadable()
    {
        try
        {
            using var db = Open();
            return new ChatDbReadability(null, db.MaxMessageRowId());
        }
        catch (ChatDbOpenException ex)
        {
            return new ChatDbReadability(Describe(ex), null);
        }
    }

    private string Describe(ChatDbOpenException ex) => ex.Reason switch
    {
        ChatDbOpenFailure.Missing => $"{Path} does not exist. Sign in to Messages with the line's Apple ID (or set Agent:ChatDbPath).",
        ChatDbOpenFailure.NotADatabase => $"{Path} is not an SQLite database (or is damaged). Point Agent:ChatDbPath at Messages' chat.db.",
        _ => ex.Message,
    };

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var db))
            db.Dispose();
    }
}

/// <summary>The outcome of <see cref="ChatDbSource.CheckReadable"/>.</summary>
/// <param name="Problem">Null when readable; otherwise what is wrong and how to fix it.</param>
/// <param name="MaxMessageRowId">The newest message ROWID when readable (0 for an empty table).</param>
public sealed record ChatDbReadability(string? Problem, long? MaxMessageRowId)
{
    /// <summary>True when chat.db could be opened and queried.</summary>
    public bool IsReadable => Problem is null;
}
