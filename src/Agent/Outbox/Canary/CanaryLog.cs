using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Outbox.Canary;

/// <summary>Log messages of the canary (EventIds 5150-5169). Never logs message text.</summary>
internal static partial class CanaryLog
{
    [LoggerMessage(EventId = 5150, EventName = "CanarySubmitted", Level = LogLevel.Information, Message = "Canary round {Key}: send {SendId} queued")]
    public static partial void Submitted(ILogger logger, string key, string sendId);

    [LoggerMessage(EventId = 5151, EventName = "CanaryDelivered", Level = LogLevel.Information, Message = "Canary send {SendId} delivered in {LatencySeconds:0.###} s")]
    public static partial void Delivered(ILogger logger, string sendId, double latencySeconds);

    [LoggerMessage(EventId = 5152, EventName = "CanaryMissed", Level = LogLevel.Warning, Message = "Canary send {SendId} missed ({Cause})")]
    public static partial void Missed(ILogger logger, string sendId, string cause);

    [LoggerMessage(EventId = 5153, EventName = "CanarySkipped", Level = LogLevel.Information, Message = "Canary round skipped: {Reason}")]
    public static partial void Skipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 5154, EventName = "CanaryFault", Level = LogLevel.Warning, Message = "Canary round failed; the next round tries again")]
    public static partial void Fault(ILogger logger, Exception exception);
}
