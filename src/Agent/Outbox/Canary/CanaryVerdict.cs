namespace LineAgent.Agent.Outbox.Canary;

/// <summary>What one canary send says about the line.</summary>
public enum CanaryOutcome
{
    /// <summary>Not decided yet: queued, sending, or sent and still within the delivery timeout.</summary>
    Pending,
    /// <summary>Delivered within Canary:DeliveryTimeout of being sent.</summary>
    Delivered,
    /// <summary>Not delivered in time, failed (e.g. error 22) or unconfirmed.</summary>
    Missed,
}

/// <summary>One canary send judged: its outcome, its latency when delivered, and a snake_case cause when missed.</summary>
public sealed record CanaryVerdict(CanaryOutcome Outcome, TimeSpan? Latency = null, string? MissCause = null)
{
    /// <summary>Judges <paramref name="entry"/> at <paramref name="now"/>. Pure: the same outbox row always gives the same verdict.</summary>
    public static CanaryVerdict Of(OutboxEntry entry, DateTimeOffset now, TimeSpan deliveryTimeout)
    {
        if (entry.DeliveredAt is { } delivered)
        {
            // chat.db's receipt time against the agent's confirmation time (same Mac clock); the row is bound a moment
            // after Messages wrote it, so an instant receipt can predate it: never negative.
            var latency = entry.SentAt is { } sent ? TimeSpan.FromTicks(Math.Max(0, (delivered - sent).Ticks)) : TimeSpan.Zero;
            return latency <= deliveryTimeout ? new(CanaryOutcome.Delivered, latency) : new(CanaryOutcome.Missed, latency, "late");
        }
        return entry.State switch
        {
            SendState.Failed => new(CanaryOutcome.Missed, MissCause: SendFailures.Name(entry.FailureCode) ?? "failed"),
            SendState.Unconfirmed => new(CanaryOutcome.Missed, MissCause: "unconfirmed"),
            SendState.Sent when now - (entry.SentAt ?? entry.AcceptedAt) > deliveryTimeout => new(CanaryOutcome.Missed, MissCause: "timeout"),
            _ => new(CanaryOutcome.Pending),
        };
    }
}
