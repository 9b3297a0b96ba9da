using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Line;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// Tails chat.db into the journal for as long as the host runs: waits for a file event, a quick re-check after one
/// (<see cref="SettleChecks"/>) or the fallback poll, then runs one <see cref="ChangeFeedEngine"/> pass, repeating at
/// once while a batch was full.
/// </summary>
/// <remarks>
/// chat.db being missing, unreadable (Full Disk Access), busy or replaced is handled inside and retried every
/// <see cref="ChangeFeedOptions.PollInterval"/>. A journal failure (disk full, journal.db corrupt) is not: it faults
/// the service, which stops the host, and launchd restarts the agent.
/// </remarks>
public sealed class ChangeFeedWorker(
    JournalStore journal,
    IOptions<ChangeFeedOptions> options,
    ChatDbSource chatDb,
    TimeProvider time,
    ILogger<ChangeFeedWorker> logger,
    FeedProgress? progress = null) : BackgroundService
{
    /// <summary>chat.db as configured (Agent:ChatDbPath, "~/" expanded).</summary>
    public string ChatDbPath => chatDb.Path;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
            return;

        using var watcher = new ChatDbWatcher(ChatDbPath, time, logger);
        using var engine = new ChangeFeedEngine(chatDb, journal, o, time, logger);
        if (o.WatchFiles)
            watcher.Arm();
        var force = true;
        var wasAvailable = true;
        var settle = new SettleChecks();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var result = engine.RunCycle(force);
                force = false;
                // A directory that disappeared and came back needs a new watch: the old one is bound to the old inode.
                if (o.WatchFiles && (!result.Available || !wasAvailable || !watcher.IsArmed))
                    watcher.Arm();
                wasAvailable = result.Available;
                if (result.Available && !result.MoreWork)
                    progress?.CaughtUp(time.GetUtcNow());
                if (result.MoreWork)
                {
                    await Task.Yield();
                    continue;
                }

                var fileEvent = await watcher.WaitAsync(settle.Next(result.WakeAfter, o.PollInterval), o.Debounce, stoppingToken)
                    .ConfigureAwait(false);
                settle.Woke(fileEvent);
                if (watcher.ConsumeReplaced())
                {
                    engine.RequestReopen();
                    if (o.WatchFiles)
                        watcher.Arm();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
