using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Outbox.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Outbox.Canary;

/// <summary>What a round did: submitted (or found already submitted) a send, or skipped with a reason.</summary>
public sealed record CanaryAttempt(OutboxEntry? Entry, bool Replayed, string? SkipReason);

/// <summary>
/// Runs the canary (when Canary:Peer is set): once per round it sends <see cref="CanaryRound.Text"/> to the peer through
/// the same <see cref="SendPipeline"/> as every send — paced by the same worker, counted in the same outbox — under the
/// round's key, so a restart within a round gets its send back instead of sending again. It sends only when the line is
/// ready (not unavailable: signed in, permitted, chat.db readable, outbox not full) and after customer sends have left
/// the queue; otherwise the round is a skip, never a miss. Deliveries and misses are judged by <see cref="CanaryLedger"/>
/// from the outbox, which the delivery tracker keeps up to date from chat.db's receipts.
/// </summary>
public sealed class CanaryService(
    CanaryLedger ledger,
    SendPipeline pipeline,
    OutboxStore store,
    LineConditionsSource conditions,
    LineIdSource lineId,
    TimeProvider time,
    ILogger<CanaryService> logger,
    MessagesCapabilityProbe? probe = null,
    LineAgentMetrics? metrics = null) : BackgroundService
{
    /// <summary>How often, within a round, the ledger is re-read so verdicts reach the metrics and the log promptly.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    /// <summary>What <see cref="StartRoundAsync"/> answers when the round has too little time left (not recorded as a skip).</summary>
    public const string RoundEnding = "round_ending";

    /// <summary>How often a yielding round looks at the queue again.</summary>
    private static readonly TimeSpan YieldPoll = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = ledger.Options;
        if (!options.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var round = CurrentRound();
            try
            {
                await StartRoundAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CanaryLog.Fault(logger, ex);     // the canary never takes the agent down; the next round tries again
            }
            for (var now = time.GetUtcNow(); now < round.End; now = time.GetUtcNow())
            {
                try
                {
                    ledger.Status();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    CanaryLog.Fault(logger, ex);
                }
                var wait = round.End - now;
                await Task.Delay(wait < Refresh ? wait : Refresh, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// The current round's send: the one already submitted under its key (after a restart), or a new one when the line is
    /// ready and quiet, else a skip (public so tests drive rounds without waiting for the clock).
    /// </summary>
    public async Task<CanaryAttempt> StartRoundAsync(CancellationToken cancellationToken)
    {
        var round = CurrentRound();
        if (store.FindByKey(round.IdempotencyKey) is { } existing)
            return new CanaryAttempt(existing, Replayed: true, null);
        // Too late in the round to be judged before the next one starts (an agent started near a round's end): wait for
        // the next round rather than send two canaries seconds apart. Not a skip: no round is lost.
        if (round.End - time.GetUtcNow() < ledger.Options.DeliveryTimeout + ledger.Options.YieldFor)
            return new CanaryAttempt(null, Replayed: false, RoundEnding);
        if (!await YieldAsync(cancellationToken))
            return Skip("busy");
        if (await NotReadyAsync(cancellationToken) is { } reason)
            return Skip(reason);
        try
        {
            var (entry, replayed) = pipeline.Submit(round.IdempotencyKey, round.Request());
            if (!replayed)
            {
                metrics?.RecordCanarySent();
                CanaryLog.Submitted(logger, round.IdempotencyKey, entry.SendId);
            }
            return new CanaryAttempt(entry, replayed, null);
        }
        catch (PacingRejectedException ex)
        {
            return Skip(ex.Code == SendFailureCode.BudgetExhausted ? "budget_exhausted" : "paced");
        }
    }

    private CanaryRound CurrentRound()
    {
        var o = ledger.Options;
        return CanaryRound.At(time.GetUtcNow(), o.Interval, o.Peer!, lineId.Get());
    }

    /// <summary>Waits up to Canary:YieldFor for the queue to empty; false when customer sends still wait.</summary>
    private async Task<bool> YieldAsync(CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + ledger.Options.YieldFor;
        while (store.CountWaiting() > 0)
        {
            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                return false;
            await Task.Delay(left < YieldPoll ? left : YieldPoll, time, cancellationToken);
        }
        return true;
    }

    /// <summary>The reasons the line is unavailable now (a fresh probe when there is a prober), or null when it is ready.</summary>
    private async Task<string?> NotReadyAsync(CancellationToken cancellationToken)
    {
        var messages = probe is null ? null : await probe.GetAsync(cancellationToken);
        var now = conditions.Compute(messages: messages);
        var blocking = now.Reasons.Where(LineReasons.MakingUnavailable.Contains).ToList();
        return blocking.Count == 0 ? null : string.Join(",", blocking);
    }

    private CanaryAttempt Skip(string reason)
    {
        ledger.Skipped(reason);
        return new CanaryAttempt(null, Replayed: false, reason);
    }
}
