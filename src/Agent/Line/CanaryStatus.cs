namespace LineAgent.Agent.Line;

/// <summary>The canary's latest rounds to its peer, as the outbox records them (the outbox is the canary's only record).</summary>
/// <param name="Peer">Canary:Peer.</param>
/// <param name="LastSentAt">When the newest canary was confirmed sent in chat.db; null when none was.</param>
/// <param name="LastDeliveredAt">The newest canary delivered within Canary:DeliveryTimeout: its receipt's time; null when none was.</param>
/// <param name="LastLatency">That canary's send → delivered time.</param>
/// <param name="ConsecutiveMisses">Judged rounds since the last delivered one (not delivered in time, failed or unconfirmed).</param>
/// <param name="MissesToDegrade">Canary:MissesToDegrade.</param>
/// <param name="LastSkipReason">Why the newest skipped round sent nothing (e.g. "signed_out", "busy"); null when none was skipped.</param>
/// <param name="LastSkippedAt">When.</param>
/// <param name="NextRoundAt">When the next round starts.</param>
public sealed record CanaryStatus(string Peer, DateTimeOffset? LastSentAt, DateTimeOffset? LastDeliveredAt, TimeSpan? LastLatency,
    int ConsecutiveMisses, int MissesToDegrade, string? LastSkipReason, DateTimeOffset? LastSkippedAt, DateTimeOffset NextRoundAt)
{
    /// <summary>True when <see cref="ConsecutiveMisses"/> reached <see cref="MissesToDegrade"/>: the line is degraded.</summary>
    public bool Degraded => ConsecutiveMisses >= MissesToDegrade;

    /// <summary>The operator's sentence while degraded ("canary to +1… not delivered 3 times in a row; last delivered …"), else null.</summary>
    public string? DegradedReason => !Degraded ? null
        : $"canary to {Peer} not delivered {ConsecutiveMisses} time{(ConsecutiveMisses == 1 ? "" : "s")} in a row; "
          + (LastDeliveredAt is { } at ? $"last delivered {at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" : "never delivered");
}
