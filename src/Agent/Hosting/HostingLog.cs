using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Hosting;

/// <summary>Log messages of the host (EventIds 4000–4099).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(4000, LogLevel.Information, "gRPC API listening on {Address} (TLS: {Tls}, mutual TLS: {MutualTls})", EventName = "Listening")]
    public static partial void Listening(ILogger logger, string address, bool tls, bool mutualTls);

    [LoggerMessage(4010, LogLevel.Warning, "{Path} was readable by other users (mode {Mode}); made it owner-only", EventName = "StateEntryTightened")]
    public static partial void StateEntryTightened(ILogger logger, string path, string mode);
}
