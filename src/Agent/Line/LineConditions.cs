namespace LineAgent.Agent.Line;

/// <summary>The overall state a router acts on without parsing text.</summary>
public enum LineState
{
    /// <summary>Healthy: route traffic here.</summary>
    Active,
    /// <summary>Working but impaired (see the reasons): prefer other lines, slow down.</summary>
    Degraded,
    /// <summary>Cannot send now (see the reasons): route elsewhere.</summary>
    Unavailable,
}

/// <summary>How much more the line can take now.</summary>
/// <param name="PacingEnabled">Pacing:Enabled (false: no limits apply; never on a real line).</param>
/// <param name="PacingTokens">Sends the token bucket allows back to back now; null when pacing is off.</param>
/// <param name="MessagesPerSecond">Pacing:MessagesPerSecond.</param>
/// <param name="Burst">Pacing:Burst.</param>
/// <param name="NewContactsHour">The rolling-hour new-contact budget.</param>
/// <param name="NewContactsDay">The rolling-24-hour new-contact budget.</param>
/// <param name="OutboxDepth">Sends queued or being sent.</param>
/// <param name="OutboxLimit">Outbox:MaxQueuedSends.</param>
public sealed record LineCapacity(bool PacingEnabled, double? PacingTokens, double MessagesPerSecond, int Burst,
    BudgetWindow NewContactsHour, BudgetWindow NewContactsDay, long OutboxDepth, int OutboxLimit);

/// <summary>One rolling new-contact budget.</summary>
/// <param name="Limit">New contacts allowed per window.</param>
/// <param name="Used">Counted within the window.</param>
/// <param name="ResetsAt">When the oldest counted contact leaves the window (one more fits); null when none is counted.</param>
public sealed record BudgetWindow(int Limit, int Used, DateTimeOffset? ResetsAt)
{
    /// <summary>New contacts that fit now.</summary>
    public int Remaining => Math.Max(0, Limit - Used);
}

/// <summary>Send outcomes over the trailing window (message sends only: texts, files, locations, new groups).</summary>
/// <param name="Window">The trailing window (Health:Window).</param>
/// <param name="Sent">Confirmed in chat.db (delivered and read included).</param>
/// <param name="Delivered">Sent and delivered (read included).</param>
/// <param name="Failed">Failed (any code).</param>
/// <param name="NotDelivered">Failed with not_delivered (error 22), at once or after sending.</param>
/// <param name="Unconfirmed">Unconfirmed (any code).</param>
/// <param name="Misrouted">Failed as misrouted (a ghost row).</param>
public sealed record SendCounts(TimeSpan Window, long Sent, long Delivered, long Failed, long NotDelivered, long Unconfirmed, long Misrouted)
{
    /// <summary>Sends whose outcome says something about reaching recipients: sent, not delivered, misrouted, unconfirmed.</summary>
    public long Judged => Sent + NotDelivered + Misrouted + Unconfirmed;

    /// <summary>(not delivered + misrouted + unconfirmed) / judged; null when nothing was judged.</summary>
    public double? NotDeliveredRatio => Judged == 0 ? null : (NotDelivered + Misrouted + Unconfirmed) / (double)Judged;
}

/// <summary>
/// Health and capacity as the agent already knows them (outbox, pacer, journal, feed, the cached Messages probes):
/// computing it never runs osascript.
/// </summary>
/// <param name="State">Overall state.</param>
/// <param name="Reasons">Machine-readable reasons (snake_case, sorted), empty when active. See <see cref="LineReasons"/>.</param>
/// <param name="Capacity">What the line can take.</param>
/// <param name="Sends">Outcomes over the trailing window.</param>
/// <param name="LastSentAt">The newest confirmed send, or null.</param>
/// <param name="LastDeliveredAt">The newest delivery receipt of a send, or null.</param>
/// <param name="FeedLag">How long since the change feed last caught up with chat.db; null when it never did (or is off).</param>
/// <param name="ScreenLocked">Whether the session is locked; null when not known (no probe reads it).</param>
/// <param name="SignedIn">An enabled, connected iMessage account; null when not probed yet.</param>
/// <param name="ComputedAt">When.</param>
public sealed record LineConditions(LineState State, IReadOnlyList<string> Reasons, LineCapacity Capacity, SendCounts Sends,
    DateTimeOffset? LastSentAt, DateTimeOffset? LastDeliveredAt, TimeSpan? FeedLag, bool? ScreenLocked, bool? SignedIn,
    DateTimeOffset ComputedAt)
{
    /// <summary>The canary's rounds; null when no canary is configured (Canary:Peer unset).</summary>
    public CanaryStatus? Canary { get; init; }
}

/// <summary>The reasons a line is degraded or unavailable (documented in line.proto, LineState).</summary>
public static class LineReasons
{
    // Unavailable
    public const string ChatDbUnreadable = "chat_db_unreadable";
    public const string AutomationDenied = "automation_denied";
    public const string SignedOut = "signed_out";
    public const string OutboxFull = "outbox_full";
    // Degraded
    public const string NotDeliveredRatioHigh = "not_delivered_ratio_high";
    public const string OutboxNearlyFull = "outbox_nearly_full";
    public const string NewContactsHourExhausted = "new_contacts_hour_exhausted";
    public const string NewContactsDayExhausted = "new_contacts_day_exhausted";
    public const string FeedLagging = "feed_lagging";
    public const string MessagesNotRunning = "messages_not_running";
    public const string UiScriptingUnavailable = "ui_scripting_unavailable";
    public const string CanaryNotDelivered = "canary_not_delivered";

    /// <summary>The reasons that make a line unavailable (the rest degrade it).</summary>
    public static IReadOnlySet<string> MakingUnavailable { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ChatDbUnreadable, AutomationDenied, SignedOut, OutboxFull,
    };
}
