using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LineAgent.Agent.Observability;

/// <summary>
/// The agent's fleet metrics (meter "LineAgent"), exported to Prometheus by <see cref="ObservabilityServiceCollectionExtensions"/>.
/// A singleton: components take it from DI and call the Record methods; every method is cheap and thread-safe, and
/// nothing is recorded until a listener (the exporter, a test) subscribes.
/// Prometheus names: lineagent_sends_total, lineagent_events_total, lineagent_event_latency_seconds,
/// lineagent_outbox_depth, lineagent_pacing_budget, lineagent_permission_granted, lineagent_sends_post_send_failures_total,
/// lineagent_sends_not_delivered_ratio, lineagent_canary_sent_total, lineagent_canary_delivered_total,
/// lineagent_canary_missed_total, lineagent_canary_skipped_total, lineagent_canary_latency_seconds.
/// </summary>
public sealed class LineAgentMetrics
{
    /// <summary>The meter name to subscribe to.</summary>
    public const string MeterName = "LineAgent";

    // Commit→event latency spans a debounce (tens of ms) up to a missed file event caught by the fallback poll (seconds).
    private static readonly IReadOnlyList<double> LatencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _sends;
    private readonly Counter<long> _events;
    private readonly Histogram<double> _eventLatency;
    private readonly Gauge<long> _outboxDepth;
    private readonly Gauge<double> _pacingBudget;
    private readonly Gauge<int> _permission;
    private readonly Counter<long> _postSendFailures;
    private readonly Gauge<double> _notDeliveredRatio;
    private readonly Counter<long> _canarySent;
    private readonly Counter<long> _canaryDelivered;
    private readonly Counter<long> _canaryMissed;
    private readonly Counter<long> _canarySkipped;
    private readonly Histogram<double> _canaryLatency;

    // iMessage delivers a text in about a second; a canary is missed after Canary:DeliveryTimeout (default 2 min).
    private static readonly IReadOnlyList<double> CanaryBuckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300];

    /// <summary>Creates the instruments on a meter owned by <paramref name="meterFactory"/> (disposed with the container).</summary>
    public LineAgentMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _sends = Meter.CreateCounter<long>("lineagent.sends", "{send}",
            "Send attempts that reached a final outcome, by outcome and error code.");
        _events = Meter.CreateCounter<long>("lineagent.events", "{event}", "Events appended to the journal, by type.");
        _eventLatency = Meter.CreateHistogram("lineagent.event.latency", "s",
            "Time from the chat.db commit (the row's date) to the journal append.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _outboxDepth = Meter.CreateGauge<long>("lineagent.outbox.depth", "{send}", "Sends waiting in the outbox.");
        _pacingBudget = Meter.CreateGauge<double>("lineagent.pacing.budget", "{send}", "Sends the pacer allows right now.");
        _permission = Meter.CreateGauge<int>("lineagent.permission.granted", null,
            "1 when the macOS permission works for the agent, 0 when it is missing.");
        _postSendFailures = Meter.CreateCounter<long>("lineagent.sends.post_send_failures", "{send}",
            "Sent messages that Messages later marked failed (error 22: not delivered), by failure code.");
        _notDeliveredRatio = Meter.CreateGauge<double>("lineagent.sends.not_delivered_ratio", null,
            "Share of recent sends not delivered (failed, unconfirmed or misrouted) over the health window.");
        _canarySent = Meter.CreateCounter<long>("lineagent.canary.sent", "{send}", "Canary rounds that submitted a send to the peer.");
        _canaryDelivered = Meter.CreateCounter<long>("lineagent.canary.delivered", "{send}",
            "Canaries delivered within Canary:DeliveryTimeout.");
        _canaryMissed = Meter.CreateCounter<long>("lineagent.canary.missed", "{send}",
            "Canaries not delivered in time, failed or unconfirmed, by cause (timeout, late, not_delivered, unconfirmed …).");
        _canarySkipped = Meter.CreateCounter<long>("lineagent.canary.skipped", "{round}",
            "Canary rounds that sent nothing, by reason (signed_out, busy, budget_exhausted …): not misses.");
        _canaryLatency = Meter.CreateHistogram("lineagent.canary.latency", "s", "A delivered canary's send → delivered time.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CanaryBuckets });
    }

    /// <summary>Counts a canary submitted.</summary>
    public void RecordCanarySent() => _canarySent.Add(1);

    /// <summary>Counts a canary delivered in time and records its latency.</summary>
    public void RecordCanaryDelivered(TimeSpan latency)
    {
        _canaryDelivered.Add(1);
        _canaryLatency.Record(Math.Max(0, latency.TotalSeconds));
    }

    /// <summary>Counts a missed canary, by cause.</summary>
    public void RecordCanaryMissed(string cause) => _canaryMissed.Add(1, new KeyValuePair<string, object?>("cause", cause));

    /// <summary>Counts a skipped round, by reason.</summary>
    public void RecordCanarySkipped(string reason) => _canarySkipped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>The meter carrying every LineAgent instrument.</summary>
    public Meter Meter { get; }

    /// <summary>
    /// Counts one send's final outcome (e.g. "sent", "failed", "unconfirmed"), the driver's error code when a script failed
    /// and the send's failure code ("not_delivered", "permission_missing" …; "" when sent).
    /// </summary>
    public void RecordSend(string outcome, string? errorCode = null, string? failureCode = null) =>
        _sends.Add(1, new TagList { { "outcome", outcome }, { "error_code", errorCode ?? "" }, { "failure_code", failureCode ?? "" } });

    /// <summary>Counts a sent message that Messages later marked failed (e.g. error 22 "not delivered"), by failure code.</summary>
    public void RecordPostSendFailure(string failureCode) =>
        _postSendFailures.Add(1, new KeyValuePair<string, object?>("failure_code", failureCode));

    /// <summary>Reports the not-delivered ratio over the health window (0–1; not reported while too few sends).</summary>
    public void RecordNotDeliveredRatio(double ratio) => _notDeliveredRatio.Record(ratio);

    /// <summary>Counts one journal event of <paramref name="type"/> (e.g. "message.received").</summary>
    public void RecordEvent(string type) => _events.Add(1, new KeyValuePair<string, object?>("type", type));

    /// <summary>Records the delay between a chat.db commit and its journal event. Negative values (clock skew) count as 0.</summary>
    public void RecordEventLatency(TimeSpan latency) => _eventLatency.Record(Math.Max(0, latency.TotalSeconds));

    /// <summary>Reports how many sends are queued.</summary>
    public void RecordOutboxDepth(long depth) => _outboxDepth.Record(depth);

    /// <summary>Reports how many sends the pacing budget allows now.</summary>
    public void RecordPacingBudget(double remaining) => _pacingBudget.Record(remaining);

    /// <summary>Reports whether a macOS permission currently works.</summary>
    public void RecordPermission(AgentPermission permission, bool granted) =>
        _permission.Record(granted ? 1 : 0, new KeyValuePair<string, object?>("permission", TagValue(permission)));

    /// <summary>The tag value for a permission: snake_case, e.g. full_disk_access.</summary>
    public static string TagValue(AgentPermission permission) => permission switch
    {
        AgentPermission.FullDiskAccess => "full_disk_access",
        AgentPermission.AutomationMessages => "automation_messages",
        AgentPermission.AutomationSystemEvents => "automation_system_events",
        AgentPermission.Accessibility => "accessibility",
        _ => permission.ToString(),
    };
}
