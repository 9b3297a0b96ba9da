using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Outbox.Status;

/// <summary>
/// How the line judges its own health and when it says so (section "Health"): the trailing window of the send
/// counts, the thresholds of the overall state, and the line.status_changed cadence.
/// </summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Journal line.status_changed at all. Default: true (the test hosts turn it off to keep their journals exact).</summary>
    public bool StatusEvents { get; set; } = true;

    /// <summary>Trailing window of the send counts and the not-delivered ratio. Default: 24 h.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Judged sends needed before the not-delivered ratio can degrade the line. Default: 10.</summary>
    [Range(1, 100_000)]
    public int MinimumSends { get; set; } = 10;

    /// <summary>Not-delivered ratio at or above which the line is degraded (a flagged Apple ID shows here first). Default: 0.2.</summary>
    [Range(0.01, 1.0)]
    public double NotDeliveredRatioDegraded { get; set; } = 0.2;

    /// <summary>Outbox depth, as a share of Outbox:MaxQueuedSends, at or above which the line is degraded. Default: 0.8.</summary>
    [Range(0.01, 1.0)]
    public double OutboxDegradedFraction { get; set; } = 0.8;

    /// <summary>Change-feed lag at or above which the line is degraded. Default: 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan FeedLagDegraded { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>line.status_changed is journaled at least this often, changed or not. Default: 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Re-evaluation period besides journal appends (budgets reset and the feed lags with nothing appended).
    /// Default: 5 s. Each evaluation reads journal.db only, never osascript.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
