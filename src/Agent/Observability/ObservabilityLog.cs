using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Observability;

/// <summary>Log messages of the metrics recorders (EventIds 8000–8099).</summary>
internal static partial class ObservabilityLog
{
    [LoggerMessage(8000, LogLevel.Warning, "The line's health probes failed; the permission gauges keep their last values", EventName = "PermissionProbeFailed")]
    public static partial void PermissionProbeFailed(ILogger logger, Exception exception);
}
