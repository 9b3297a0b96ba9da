using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Line;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox.Status;

/// <summary>
/// Journals line.status_changed: once at start, whenever the overall state or a reason changes (every reason is a
/// documented threshold crossing: <see cref="LineReasons"/>), and at least every Health:HeartbeatInterval. It
/// re-evaluates after journal appends (a send's outcome, a receipt) and every Health:CheckInterval (budgets reset,
/// the feed lags, with nothing appended), from <see cref="LineConditionsSource"/>: journal.db only, never osascript.
/// </summary>
public sealed class LineStatusMonitor(
    LineConditionsSource conditions,
    LineIdSource lineId,
    JournalStore journal,
    IOptions<HealthOptions> options,
    TimeProvider time,
    ILogger<LineStatusMonitor> logger) : BackgroundService
{
    /// <summary>Evaluations are at least this far apart, however busy the journal is.</summary>
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(200);

    private string? _signature;
    private DateTimeOffset _lastEmitted;
    private long _lastIdMs;

    /// <summary>The latest conditions evaluated (null before the first).</summary>
    public LineConditions? Latest { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.StatusEvents)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            long seen;
            try
            {
                seen = journal.LastCursor;
                Evaluate();
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                OutboxLog.StatusFault(logger, ex);
                await Task.Delay(options.Value.CheckInterval, time, stoppingToken);
                continue;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(options.Value.CheckInterval);
            try
            {
                await journal.WaitForAppendAsync(seen, wait.Token);
                await Task.Delay(MinimumGap, time, stoppingToken);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    /// <summary>Computes the conditions and journals line.status_changed when due; returns whether it did (public for tests).</summary>
    public bool Evaluate()
    {
        var now = time.GetUtcNow();
        var current = conditions.Compute();
        Latest = current;
        var signature = current.State + ":" + string.Join(",", current.Reasons);
        var trigger = _signature is null ? "started"
            : signature != _signature ? "changed"
            : now - _lastEmitted >= options.Value.HeartbeatInterval ? "heartbeat"
            : null;
        if (trigger is null)
            return false;
        var idMs = Math.Max(now.ToUnixTimeMilliseconds(), _lastIdMs + 1);
        var payload = Payload(current, trigger, now + options.Value.HeartbeatInterval);
        journal.Append([new NewJournalEvent($"line.status:{idMs}", JournalEventTypes.LineStatusChanged, now, null, null, EventJson.ToJson(payload))],
            null);
        _lastIdMs = idMs;
        _signature = signature;
        _lastEmitted = now;
        if (trigger == "changed")
            OutboxLog.LineStatusChanged(logger, current.State, string.Join(",", current.Reasons));
        return true;
    }

    private LineStatusPayload Payload(LineConditions c, string trigger, DateTimeOffset nextBy) => new(
        lineId.Get(), Wire(c.State), c.Reasons, trigger, nextBy,
        new LineCapacityData(c.Capacity.PacingEnabled, c.Capacity.PacingTokens, c.Capacity.MessagesPerSecond, c.Capacity.Burst,
            c.Capacity.NewContactsHour.Limit, c.Capacity.NewContactsHour.Remaining, c.Capacity.NewContactsHour.ResetsAt,
            c.Capacity.NewContactsDay.Limit, c.Capacity.NewContactsDay.Remaining, c.Capacity.NewContactsDay.ResetsAt,
            c.Capacity.OutboxDepth, c.Capacity.OutboxLimit),
        new LineHealthData((long)c.Sends.Window.TotalSeconds, c.Sends.Sent, c.Sends.Delivered, c.Sends.Failed, c.Sends.NotDelivered,
            c.Sends.Unconfirmed, c.Sends.Misrouted, c.Sends.NotDeliveredRatio, c.LastSentAt, c.LastDeliveredAt, c.FeedLag?.TotalSeconds,
            c.ScreenLocked, c.SignedIn),
        c.Canary is { } k
            ? new LineCanaryData(k.Peer, k.LastSentAt, k.LastDeliveredAt, k.LastLatency?.TotalSeconds, k.ConsecutiveMisses, k.MissesToDegrade,
                k.DegradedReason, k.LastSkipReason, k.LastSkippedAt, k.NextRoundAt)
            : null);

    /// <summary>The wire name of a state: "active", "degraded", "unavailable".</summary>
    public static string Wire(LineState state) => state.ToString().ToLowerInvariant();
}
