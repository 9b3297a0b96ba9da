using LineAgent.Agent.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// The line's one send worker: sends go out strictly one at a time, oldest first (Messages is one GUI app;
/// Beeper serialises all automation on one queue). On start it first resolves sends a restart interrupted.
/// An unexpected fault stops the host (launchd restarts the agent); nothing is lost, the outbox is durable.
/// </summary>
public sealed class SendWorker(OutboxStore store, SendExecutor executor, SendSignal signal, IOptions<OutboxOptions> options,
    ILogger<SendWorker> logger, LineAgentMetrics? metrics = null) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>The worker loop (public so tests and the benchmark can drive it without a host).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var interrupted = store.ListInState(SendState.Sending);
        if (interrupted.Count > 0)
            OutboxLog.Resuming(logger, interrupted.Count);
        foreach (var entry in interrupted)
            await RunOneAsync(entry, cancellationToken);

        while (!cancellationToken.IsCancellationRequested)
        {
            var next = store.NextQueued();
            metrics?.RecordOutboxDepth(next is null ? 0 : store.CountQueued());
            if (next is null)
            {
                await signal.WaitAsync(options.Value.IdlePollInterval, cancellationToken);
                continue;
            }
            await RunOneAsync(next, cancellationToken);
        }
    }

    private async Task RunOneAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await executor.ExecuteAsync(entry, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            OutboxLog.WorkerFault(logger, entry.SendId, ex);
            throw;
        }
    }
}
