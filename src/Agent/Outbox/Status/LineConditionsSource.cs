using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Pacing;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox.Status;

/// <summary>
/// Computes the line's health and capacity from what the agent already knows: the outbox (journal.db), the pacer, the
/// change feed's progress and the Messages probes' cached result. Never runs osascript; chat.db's readability is
/// re-checked at most every <see cref="ChatDbRecheck"/>.
/// </summary>
public sealed class LineConditionsSource(
    OutboxStore store,
    SendPacer pacer,
    FeedProgress feed,
    ChatDbSource chatDb,
    IOptions<HealthOptions> health,
    IOptions<PacingOptions> pacing,
    IOptions<OutboxOptions> outbox,
    TimeProvider time,
    MessagesCapabilityProbe? probe = null,
    LineAgentMetrics? metrics = null,
    Canary.CanaryLedger? canary = null)
{
    /// <summary>How long a chat.db readability check is reused.</summary>
    public static readonly TimeSpan ChatDbRecheck = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private (DateTimeOffset At, ProbeResult Result)? _chatDb;

    /// <summary>
    /// The conditions now. <paramref name="probed"/> are fresh probe results when the caller has them (GetLine);
    /// otherwise the cached ones are used (or none, before the first probe).
    /// </summary>
    public LineConditions Compute(LineHealthReport? probed = null, MessagesProbeResult? messages = null)
    {
        var now = time.GetUtcNow();
        var o = health.Value;
        var p = pacing.Value;
        var stats = store.Stats(now - o.Window);
        var counted = store.NewContactsSince(now - TimeSpan.FromDays(1));
        var capacity = new LineCapacity(p.Enabled, pacer.Available, p.MessagesPerSecond, p.Burst,
            Budget(counted, now, TimeSpan.FromHours(1), p.NewContactsPerHour),
            Budget(counted, now, TimeSpan.FromDays(1), p.NewContactsPerDay),
            store.CountWaiting(), outbox.Value.MaxQueuedSends);
        var sends = new SendCounts(o.Window, stats.Sent, stats.Delivered, stats.Failed, stats.NotDelivered, stats.Unconfirmed, stats.Misrouted);
        var feedLag = feed.LastCaughtUpAt is { } caught ? now - caught : (TimeSpan?)null;
        messages ??= probe?.LastKnown;
        var chatDbReadable = probed?.ChatDbReadable ?? ChatDbReadable(now);
        var signedIn = messages?.IMessageAccount.State switch
        {
            ProbeState.Available => true,
            ProbeState.Unavailable => false,
            _ => (bool?)null,
        };

        var unavailable = new List<string>();
        var degraded = new List<string>();
        if (chatDbReadable.State == ProbeState.Unavailable)
            unavailable.Add(LineReasons.ChatDbUnreadable);
        if ((probed?.AutomationPermission ?? messages?.Automation)?.State == ProbeState.Unavailable)
            unavailable.Add(LineReasons.AutomationDenied);
        if (signedIn == false)
            unavailable.Add(LineReasons.SignedOut);
        if (capacity.OutboxDepth >= capacity.OutboxLimit)
            unavailable.Add(LineReasons.OutboxFull);
        else if (capacity.OutboxDepth >= Math.Ceiling(capacity.OutboxLimit * o.OutboxDegradedFraction))
            degraded.Add(LineReasons.OutboxNearlyFull);
        if (sends.Judged >= o.MinimumSends && sends.NotDeliveredRatio >= o.NotDeliveredRatioDegraded)
            degraded.Add(LineReasons.NotDeliveredRatioHigh);
        if (p.Enabled && capacity.NewContactsHour.Remaining == 0)
            degraded.Add(LineReasons.NewContactsHourExhausted);
        if (p.Enabled && capacity.NewContactsDay.Remaining == 0)
            degraded.Add(LineReasons.NewContactsDayExhausted);
        if (feedLag >= o.FeedLagDegraded)
            degraded.Add(LineReasons.FeedLagging);
        if ((probed?.MessagesRunning ?? messages?.MessagesRunning)?.State == ProbeState.Unavailable)
            degraded.Add(LineReasons.MessagesNotRunning);
        if ((probed?.AccessibilityPermission ?? messages?.Accessibility)?.State == ProbeState.Unavailable)
            degraded.Add(LineReasons.UiScriptingUnavailable);
        var canaryStatus = canary?.Status();
        if (canaryStatus is { Degraded: true })
            degraded.Add(LineReasons.CanaryNotDelivered);

        var state = unavailable.Count > 0 ? LineState.Unavailable : degraded.Count > 0 ? LineState.Degraded : LineState.Active;
        if (sends.Judged >= o.MinimumSends && sends.NotDeliveredRatio is { } ratio)
            metrics?.RecordNotDeliveredRatio(ratio);
        return new LineConditions(state, [.. unavailable.Concat(degraded).Order(StringComparer.Ordinal)], capacity, sends,
            stats.LastSentAt, stats.LastDeliveredAt, feedLag, ScreenLocked: null, signedIn, now)
        {
            Canary = canaryStatus,
        };
    }

    private ProbeResult ChatDbReadable(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_chatDb is { } c && now - c.At < ChatDbRecheck)
                return c.Result;
        }
        var result = DefaultLineStatusProvider.ChatDbReadable(chatDb);
        lock (_lock)
            _chatDb = (now, result);
        return result;
    }

    private static BudgetWindow Budget(IReadOnlyList<DateTimeOffset> counted, DateTimeOffset now, TimeSpan window, int limit)
    {
        var inWindow = counted.Where(t => t > now - window).ToList();
        return new BudgetWindow(limit, inWindow.Count, inWindow.Count == 0 ? null : inWindow.Min() + window);
    }
}
