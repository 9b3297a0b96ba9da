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
}
