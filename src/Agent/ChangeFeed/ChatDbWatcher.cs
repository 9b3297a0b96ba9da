using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// Wakes the change feed when chat.db may have changed: file events on the Messages directory (chat.db, chat.db-wal,
/// chat.db-shm), debounced, or the fallback poll interval elapsing.
/// </summary>
/// <remarks>
/// Apple fact: SQLite deletes and recreates chat.db-wal (e.g. when Messages quits), and kqueue/inotify watches bind
/// to an inode, so a watch on the -wal file goes deaf (BlueBubbles #843, imsg #126). The watch is therefore on the
/// directory, filtered by name, and re-armed when it fails or the directory comes back. File events are still
/// lossy (FSEvents coalesces and drops), so they only make the feed faster; the poll keeps it correct.
/// </remarks>
public sealed class ChatDbWatcher : IDisposable
{
    private readonly string _directory;
    private readonly string _fileName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private FileSystemWatcher? _watcher;
    private TaskCompletionSource _signal = NewSignal();
    private int _pending;
    private int _replaced;
    private bool _disposed;

    /// <summary>Watches the directory holding <paramref name="chatDbPath"/>. Call <see cref="Arm"/> to start.</summary>
    public ChatDbWatcher(string chatDbPath, TimeProvider time, ILogger logger)
    {
        var full = Path.GetFullPath(chatDbPath);
        _directory = Path.GetDirectoryName(full)!;
        _fileName = Path.GetFileName(full);
        _time = time;
        _logger = logger;
    }

    /// <summary>True while a directory watch is active.</summary>
    public bool IsArmed
    {
        get { lock (_gate) return _watcher is not null; }
    }

    /// <summary>(Re)creates the directory watch. Does nothing (and returns false) while the directory is missing.</summary>
    public bool Arm()
    {
        lock (_gate)
        {
            if (_disposed)
                return false;
            DisposeWatcher();
            if (!Directory.Exists(_directory))
                return false;
            try
            {
                var watcher = new FileSystemWatcher(_directory)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                watcher.Changed += OnChanged;
                watcher.Created += OnCreatedOrDeleted;
                watcher.Deleted += OnCreatedOrDeleted;
                watcher.Renamed += OnRenamed;
                watcher.Error += OnError;
                watcher.EnableRaisingEvents = true;
                _watcher = watcher;
                ChangeFeedLog.WatcherArmed(_logger, _directory);
                return true;
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                ChangeFeedLog.WatcherFailed(_logger, _directory, ex);
                DisposeWatcher();
                return false;
            }
        }
    }

    /// <summary>
    /// Completes with true after a file event (plus <paramref name="debounce"/>, coalescing the burst), or with
    /// false when <paramref name="pollInterval"/> elapses first.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan pollInterval, TimeSpan debounce, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _signal);
        if (Volatile.Read(ref _pending) == 0)
        {
            try
            {
                await signal.Task.WaitAsync(pollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }

        if (debounce > TimeSpan.Zero)
            await Task.Delay(debounce, _time, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _pending, 0);
        return true;
    }

    /// <summary>True (once) when chat.db itself was created, deleted or renamed since the last call.</summary>
    public bool ConsumeReplaced() => Interlocked.Exchange(ref _replaced, 0) == 1;

    /// <summary>Wakes the waiter as a file event would.</summary>
    public void Signal()
    {
        Volatile.Write(ref _pending, 1);
        Interlocked.Exchange(ref _signal, NewSignal()).TrySetResult();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            DisposeWatcher();
        }
    }

    private bool IsOurs(string? name) =>
        name is not null && (name == _fileName || name == _fileName + "-wal" || name == _fileName + "-shm");

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (IsOurs(e.Name))
            Signal();
    }

    private void OnCreatedOrDeleted(object sender, FileSystemEventArgs e)
    {
        if (e.Name == _fileName)
            Volatile.Write(ref _replaced, 1);
        if (IsOurs(e.Name))
            Signal();
    }

    private void OnRenamed(object sender, RenamedEventArgs e)
    {
        if (e.Name == _fileName || e.OldName == _fileName)
            Volatile.Write(ref _replaced, 1);
        if (IsOurs(e.Name) || IsOurs(e.OldName))
            Signal();
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        // An overflowed or broken watch: events were lost. Tell the feed to look now and re-arm on its next pass.
        ChangeFeedLog.WatcherFailed(_logger, _directory, e.GetException());
        lock (_gate)
            DisposeWatcher();
        Volatile.Write(ref _replaced, 1);
        Signal();
    }

    private void DisposeWatcher()
    {
        if (_watcher is null)
            return;
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _watcher = null;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
