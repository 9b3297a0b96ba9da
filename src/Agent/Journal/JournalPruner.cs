using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Journal;

/// <summary>
/// Applies the journal's retention (<see cref="JournalOptions.MaxAge"/>, <see cref="JournalOptions.MaxEvents"/>)
/// every <see cref="JournalOptions.PruneInterval"/>, starting one interval after start-up. A failed prune is
/// logged and retried at the next interval: retention is housekeeping, not worth stopping the agent for.
/// </summary>
public sealed class JournalPruner(
    JournalStore store,
    IOptions<JournalOptions> options,
    TimeProvider time,
    ILogger<JournalPruner> logger) : BackgroundService
{
    /// <summary>Runs one pruning pass now. Returns how many events were deleted.</summary>
    public long PruneOnce()
    {
        var o = options.Value;
        var deleted = store.Prune(time.GetUtcNow() - o.MaxAge, o.MaxEvents, o.PruneBatchSize);
        if (deleted > 0)
            JournalLog.Pruned(logger, deleted, o.MaxAge, o.MaxEvents);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                PruneOnce();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                JournalLog.PruneFailed(logger, ex);
            }
        }
    }
}
