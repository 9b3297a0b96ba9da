using LineAgent.Agent.ChatDb;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Logging;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// The feed's connection to chat.db: opened on demand, closed after <see cref="ChangeFeedOptions.ReopenInterval"/>
/// or when a file event says chat.db was replaced, and the available/unavailable transitions logged once each.
/// </summary>
internal sealed class FeedSession(ChatDbSource source, ChangeFeedOptions options, ILogger logger) : IDisposable
{
    private DateTimeOffset _openedAt;
    private string? _unavailableReason;
    private bool _reopenRequested;
    private bool _started;

    /// <summary>The open connection, or null.</summary>
    public ChatDatabase? Db { get; private set; }

    /// <summary>chat.db's resolved path.</summary>
    public string Path => source.Path;

    /// <summary>Closes chat.db at the next <see cref="CloseIfDue"/>.</summary>
    public void RequestReopen() => _reopenRequested = true;

    /// <summary>Closes the connection when a reopen was requested or it is older than the reopen interval.</summary>
    public void CloseIfDue(DateTimeOffset now)
    {
        if (Db is not null && (_reopenRequested || now - _openedAt >= options.ReopenInterval))
            Close();
        _reopenRequested = false;
    }

    /// <summary>Opens chat.db.</summary>
    /// <exception cref="ChatDbOpenException">It cannot be read now.</exception>
    public ChatDatabase Open(DateTimeOffset now)
    {
        Db = source.Open(new ChatDbOptions { BusyTimeout = options.BusyTimeout });
        _openedAt = now;
        return Db;
    }

    /// <summary>Logs the transition back to readable, once.</summary>
    public void Available()
    {
        if (_unavailableReason is not null)
        {
            ChangeFeedLog.Available(logger);
            _unavailableReason = null;
        }
    }

    /// <summary>Logs the start (first open) or a reopen.</summary>
    public void Started(long watermark)
    {
        if (!_started)
            ChangeFeedLog.Started(logger, source.Path, watermark);
        else
            ChangeFeedLog.Reopened(logger, source.Path, watermark);
        _started = true;
    }

    /// <summary>chat.db cannot be read: logs the reason when it is new and closes the connection.</summary>
    public void Unavailable(string reason)
    {
        if (_unavailableReason != reason)
            ChangeFeedLog.Unavailable(logger, reason, options.PollInterval);
        _unavailableReason = reason;
        Close();
    }

    public void Close()
    {
        Db?.Dispose();
        Db = null;
    }

    public void Dispose() => Close();
}
