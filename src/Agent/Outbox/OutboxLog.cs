using LineAgent.Agent.MessagesApp;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Outbox;

/// <summary>Log messages of the outbox and its worker (EventIds 5100-5199). Never logs message text.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 5100, EventName = "SendFinished", Level = LogLevel.Debug, Message = "Send {SendId} finished: {State}")]
    public static partial void Finished(ILogger logger, string sendId, SendState state);

    [LoggerMessage(EventId = 5101, EventName = "StepFailed", Level = LogLevel.Warning, Message = "Send {SendId}: {Step} failed before sending ({Kind})")]
    public static partial void StepFailed(ILogger logger, string sendId, string step, MessagesFailureKind kind);

    [LoggerMessage(EventId = 5102, EventName = "StepAmbiguous", Level = LogLevel.Warning, Message = "Send {SendId}: {Step} ended ambiguously ({Kind}); checking chat.db")]
    public static partial void StepAmbiguous(ILogger logger, string sendId, string step, MessagesFailureKind kind);

    [LoggerMessage(EventId = 5103, EventName = "UsingFallback", Level = LogLevel.Information, Message = "Send {SendId}: {Step} unavailable ({Kind}); using the plain fallback")]
    public static partial void UsingFallback(ILogger logger, string sendId, string step, MessagesFailureKind kind);

    [LoggerMessage(EventId = 5104, EventName = "ResumingSends", Level = LogLevel.Information, Message = "Resuming {Count} send(s) interrupted by a restart")]
    public static partial void Resuming(ILogger logger, int count);

    [LoggerMessage(EventId = 5105, EventName = "WorkerFault", Level = LogLevel.Error, Message = "Send worker failed on send {SendId}")]
    public static partial void WorkerFault(ILogger logger, string sendId, Exception exception);

    [LoggerMessage(EventId = 5106, EventName = "TrackerFault", Level = LogLevel.Warning, Message = "Delivery tracking pass failed")]
    public static partial void TrackerFault(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5107, EventName = "ResumingUnstarted", Level = LogLevel.Information, Message = "Send {SendId}: the {Step} never reached osascript before the restart; running it now")]
    public static partial void ResumingUnstarted(ILogger logger, string sendId, string step);

    [LoggerMessage(EventId = 5190, EventName = "LineStatusChanged", Level = LogLevel.Information, Message = "Line status: {State} ({Reasons})")]
    public static partial void LineStatusChanged(ILogger logger, Line.LineState state, string reasons);

    [LoggerMessage(EventId = 5191, EventName = "LineStatusFault", Level = LogLevel.Warning, Message = "Line status evaluation failed")]
    public static partial void StatusFault(ILogger logger, Exception exception);
}
