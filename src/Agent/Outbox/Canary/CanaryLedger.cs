using LineAgent.Agent.Line;
using LineAgent.Agent.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox.Canary;

/// <summary>
/// The canary's state, read from the outbox (its sends are the record: nothing else to write, so no crash can leave the
/// two apart) plus the last skipped round (skips send nothing, so they live in memory). Each send is counted in the
/// metrics once, when it is first judged.
/// </summary>
public sealed class CanaryLedger(OutboxStore store, IOptions<CanaryOptions> options, LineIdSource lineId, TimeProvider time, ILogger<CanaryLedger> logger,
    LineAgentMetrics? metrics = null)
{
    /// <summary>Newest canaries read per evaluation, beyond Canary:MissesToDegrade (pending ones are passed over).</summary>
    private const int Lookback = 8;

    private readonly Lock _lock = new();
    private readonly HashSet<string> _judged = new(StringComparer.Ordinal);
    private (string Reason, DateTimeOffset At)? _lastSkip;
    private bool _seeded;

    /// <summary>Canary:* as configured.</summary>
    public CanaryOptions Options => options.Value;

    /// <summary>The status now; null when no canary is configured.</summary>
    public CanaryStatus? Status()
    {
        var o = options.Value;
        if (!o.Enabled)
            return null;
        var now = time.GetUtcNow();
        var sends = store.ListWithKeyPrefixDescending(LineTrafficKeys.CanaryPrefix, o.MissesToDegrade + Lookback)
            .Where(e => e.Request is MessageSend m && string.Equals(m.To, o.Peer, StringComparison.OrdinalIgnoreCase))
            .ToList();
        DateTimeOffset? lastSent = sends.FirstOrDefault(e => e.SentAt is not null)?.SentAt;
        DateTimeOffset? lastDelivered = null;
        TimeSpan? latency = null;
        var misses = 0;
        var counting = true;
        foreach (var entry in sends)
        {
            var verdict = CanaryVerdict.Of(entry, now, o.DeliveryTimeout);
            Count(entry, verdict);
            if (verdict.Outcome == CanaryOutcome.Delivered)
            {
                if (lastDelivered is null)
                    (lastDelivered, latency) = (entry.DeliveredAt, verdict.Latency);
                counting = false;
            }
            else if (verdict.Outcome == CanaryOutcome.Missed && counting)
                misses++;
        }
        lock (_lock)
            _seeded = true;
        (string Reason, DateTimeOffset At)? skip;
        lock (_lock)
            skip = _lastSkip;
        return new CanaryStatus(o.Peer!, lastSent, lastDelivered, latency, misses, o.MissesToDegrade, skip?.Reason, skip?.At,
            CanaryRound.At(now, o.Interval, o.Peer!, lineId.Get()).End);
    }

    /// <summary>Records a round that sent nothing, and why (snake_case: a line reason such as "signed_out", "busy", "paced").</summary>
    public void Skipped(string reason)
    {
        lock (_lock)
            _lastSkip = (reason, time.GetUtcNow());
        metrics?.RecordCanarySkipped(reason);
        CanaryLog.Skipped(logger, reason);
    }

    private void Count(OutboxEntry entry, CanaryVerdict verdict)
    {
        if (verdict.Outcome == CanaryOutcome.Pending)
            return;
        lock (_lock)
        {
            // Sends judged before this process started were counted by the one before it.
            if (!_judged.Add(entry.SendId) || !_seeded)
                return;
        }
        if (verdict.Outcome == CanaryOutcome.Delivered)
        {
            metrics?.RecordCanaryDelivered(verdict.Latency ?? TimeSpan.Zero);
            CanaryLog.Delivered(logger, entry.SendId, (verdict.Latency ?? TimeSpan.Zero).TotalSeconds);
        }
        else
        {
            metrics?.RecordCanaryMissed(verdict.MissCause ?? "missed");
            CanaryLog.Missed(logger, entry.SendId, verdict.MissCause ?? "missed");
        }
    }
}
