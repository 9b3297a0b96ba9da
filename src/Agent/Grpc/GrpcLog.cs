using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Grpc;

/// <summary>Log messages of the gRPC API (EventIds 4100–4199). Never logs tokens or message content.</summary>
internal static partial class GrpcLog
{
    // The token's start-up messages kept the EventIds they had in HostingLog (log queries may use them).
    [LoggerMessage(4001, LogLevel.Information, "Bearer token loaded from {Source}", EventName = "TokenLoaded")]
    public static partial void TokenLoaded(ILogger logger, string source);

    [LoggerMessage(4002, LogLevel.Warning, "Created a new bearer token in {Path} (mode 0600); give it to the central API", EventName = "TokenCreated")]
    public static partial void TokenCreated(ILogger logger, string path);

    [LoggerMessage(4100, LogLevel.Warning, "Rejected call to {Method} from {Peer}: {Reason} bearer token", EventName = "Unauthenticated")]
    public static partial void Unauthenticated(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(4101, LogLevel.Debug, "{Method} failed with {Code}: {Detail}", EventName = "CallFailed")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode code, string detail);

    [LoggerMessage(4102, LogLevel.Error, "{Method} failed unexpectedly (error id {ErrorId})", EventName = "UnhandledException")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string errorId);

    [LoggerMessage(4103, LogLevel.Information, "Event stream opened by {Peer} after cursor {Cursor}", EventName = "EventStreamOpened")]
    public static partial void EventStreamOpened(ILogger logger, string peer, long cursor);

    [LoggerMessage(4104, LogLevel.Information, "Event stream of {Peer} closed at cursor {Cursor}", EventName = "EventStreamClosed")]
    public static partial void EventStreamClosed(ILogger logger, string peer, long cursor);

    [LoggerMessage(4105, LogLevel.Information, "Stored upload {AttachmentId} ({Bytes} bytes)", EventName = "AttachmentStored")]
    public static partial void AttachmentStored(ILogger logger, string attachmentId, long bytes);

    [LoggerMessage(4106, LogLevel.Warning, "Refused download of attachment {Guid}: its path is outside the attachment roots", EventName = "DownloadOutsideRoots")]
    public static partial void DownloadOutsideRoots(ILogger logger, string guid);

    [LoggerMessage(4107, LogLevel.Warning, "Refused download of attachment {Guid}: it is not a regular file (a FIFO, socket, device or directory)", EventName = "DownloadNotRegularFile")]
    public static partial void DownloadNotRegularFile(ILogger logger, string guid);

    [LoggerMessage(4108, LogLevel.Warning, "Download of attachment {Guid} ended: a read of its file did not return within {Timeout}", EventName = "DownloadStalled")]
    public static partial void DownloadStalled(ILogger logger, string guid, TimeSpan timeout);

    [LoggerMessage(4109, LogLevel.Warning, "Refused {Count} malformed request(s) with INVALID_ARGUMENT (latest: {Method}, {Reason}); at most one such entry per {Window}", EventName = "MalformedRequests")]
    public static partial void MalformedRequests(ILogger logger, int count, string method, string reason, TimeSpan window);
}
