using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Correlation;

/// <summary>Log messages of send correlation (EventIds 5200-5299).</summary>
internal static partial class CorrelationLog
{
    [LoggerMessage(EventId = 5200, EventName = "CorrelationResolved", Level = LogLevel.Debug, Message = "Correlation of {What}: {Outcome} (row {MessageGuid})")]
    public static partial void Resolved(ILogger logger, string what, CorrelationOutcome outcome, string? messageGuid);

    [LoggerMessage(EventId = 5202, EventName = "StateResolved", Level = LogLevel.Debug, Message = "Verification of {What} in chat.db: {Outcome}")]
    public static partial void StateResolved(ILogger logger, string what, StateOutcome outcome);

    [LoggerMessage(EventId = 5201, EventName = "ChatDbUnavailable", Level = LogLevel.Warning, Message = "chat.db could not be read for send correlation")]
    public static partial void ChatDbUnavailable(ILogger logger, Exception exception);
}
