using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.MessagesApp;

/// <summary>Log messages of the Messages driver (EventIds 5000-5099).</summary>
internal static partial class MessagesDriverLog
{
    [LoggerMessage(EventId = 5000, EventName = "ScriptSucceeded", Level = LogLevel.Debug, Message = "Script {Script} succeeded in {ElapsedMs:0.0} ms")]
    public static partial void ScriptSucceeded(ILogger logger, string script, double elapsedMs);

    [LoggerMessage(EventId = 5001, EventName = "ScriptFailed", Level = LogLevel.Warning, Message = "Script {Script} failed: {Kind} ({Code}) after {ElapsedMs:0.0} ms")]
    public static partial void ScriptFailed(ILogger logger, string script, MessagesFailureKind kind, int? code, double elapsedMs);

    // stderr can quote the message text (e.g. "Can't get chat id …"), so only at Debug.
    [LoggerMessage(EventId = 5002, EventName = "ScriptStderr", Level = LogLevel.Debug, Message = "Script {Script} stderr: {Stderr}")]
    public static partial void ScriptStderr(ILogger logger, string script, string stderr);

    [LoggerMessage(EventId = 5003, EventName = "ScriptTimedOut", Level = LogLevel.Warning, Message = "Script {Script} killed after {TimeoutSeconds} s")]
    public static partial void ScriptTimedOut(ILogger logger, string script, double timeoutSeconds);

    [LoggerMessage(EventId = 5004, EventName = "LaunchingMessages", Level = LogLevel.Information, Message = "Messages is not running; launching it before retry {Attempt}")]
    public static partial void LaunchingMessages(ILogger logger, int attempt);

    [LoggerMessage(EventId = 5005, EventName = "LaunchFailed", Level = LogLevel.Warning, Message = "Launching Messages failed: {Kind}")]
    public static partial void LaunchFailed(ILogger logger, MessagesFailureKind kind);

    [LoggerMessage(EventId = 5006, EventName = "SendPathUsed", Level = LogLevel.Debug, Message = "Script {Script} sent through the {Path} path")]
    public static partial void SendPathUsed(ILogger logger, string script, string path);

    [LoggerMessage(EventId = 5007, EventName = "WaitingForMessages", Level = LogLevel.Information, Message = "Waiting up to {TimeoutSeconds} s for Messages to run with a connected account before sending")]
    public static partial void WaitingForMessages(ILogger logger, double timeoutSeconds);

    [LoggerMessage(EventId = 5008, EventName = "MessagesReady", Level = LogLevel.Information, Message = "Messages is ready after {ElapsedMs:0} ms")]
    public static partial void MessagesReady(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 5009, EventName = "MessagesNotReady", Level = LogLevel.Warning, Message = "Messages was not ready within {TimeoutSeconds} s ({Reason}); sending anyway, the outcome is checked in chat.db")]
    public static partial void MessagesNotReady(ILogger logger, double timeoutSeconds, string reason);

    [LoggerMessage(EventId = 5010, EventName = "RetryingNotFound", Level = LogLevel.Information, Message = "Script {Script} failed with -1728 (nothing sent); retrying once after Messages is ready")]
    public static partial void RetryingNotFound(ILogger logger, string script);
}
