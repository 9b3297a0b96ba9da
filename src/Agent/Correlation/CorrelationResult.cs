using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Correlation;

/// <summary>How a send's lookup in chat.db ended.</summary>
public enum CorrelationOutcome
{
    /// <summary>The row was found; its GUID is bound to the send.</summary>
    Confirmed,
    /// <summary>The row was found with error != 0: Messages failed the send.</summary>
    FailedInChatDb,
    /// <summary>
    /// Messages wrote an empty from-me row joined to no chat (Tahoe `chat id` sends, imsg #90): the message
    /// went nowhere. Reported as a failure ("misrouted").
    /// </summary>
    Ghost,
    /// <summary>No matching row within the timeout: the outcome is unknown (unconfirmed, never resent).</summary>
    NotFound,
}

/// <summary>The outcome and, when there is one, the row.</summary>
public sealed record CorrelationResult(CorrelationOutcome Outcome, MessageRecord? Row)
{
    /// <summary>Not found.</summary>
    public static CorrelationResult NotFound { get; } = new(CorrelationOutcome.NotFound, null);
}
