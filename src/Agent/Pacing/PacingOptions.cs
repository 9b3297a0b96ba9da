using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Pacing;

/// <summary>
/// How fast this line sends (section "Pacing"). Apple publishes no limits; the defaults follow what commercial
/// iMessage-line vendors publish to keep lines healthy (reference messages-automation.md §6): about one message
/// per second per line, and tens of new contacts per line per day (Sendblue and Photon: 50/day; Sendblue: 15 per
/// rolling hour). An account that bursts to ~200 new recipients an hour was locked out for a day (Jared #65).
/// </summary>
public sealed class PacingOptions
{
    public const string Section = "Pacing";

    /// <summary>Turns every limit off (benchmarks, tests). Default: true. Never disable on a real line.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sustained rate of Messages script calls (one per bubble). Default: 1 per second (Sendblue, Messages.dev).</summary>
    [Range(0.001, 100)]
    public double MessagesPerSecond { get; set; } = 1.0;

    /// <summary>How many sends may go out back to back after a quiet period. Default: 3.</summary>
    [Range(1, 100)]
    public int Burst { get; set; } = 3;

    /// <summary>
    /// New contacts (recipients this Apple ID has no history with) per rolling 24 hours. Default: 50
    /// (Sendblue, Tuco, Photon). Over budget, sends are refused with RESOURCE_EXHAUSTED and a retry-after.
    /// </summary>
    [Range(0, 100_000)]
    public int NewContactsPerDay { get; set; } = 50;

    /// <summary>New contacts per rolling hour. Default: 15 (Sendblue's hourly cap).</summary>
    [Range(0, 100_000)]
    public int NewContactsPerHour { get; set; } = 15;

    /// <summary>
    /// Gap between consecutive file sends of one request. Default: 500 ms: photon sends each further attachment
    /// in its own call 500 ms apart because it "prevents Messages.app from dropping the next file".
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan AttachmentSpacing { get; set; } = TimeSpan.FromMilliseconds(500);
}
