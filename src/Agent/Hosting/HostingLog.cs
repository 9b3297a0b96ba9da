using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Hosting;

/// <summary>Log messages of the host and its security setup (EventIds 4000–4099).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(4000, LogLevel.Information, "gRPC API listening on {Address} (TLS: {Tls}, mutual TLS: {MutualTls})", EventName = "Listening")]
    public static partial void Listening(ILogger logger, string address, bool tls, bool mutualTls);

    [LoggerMessage(4001, LogLevel.Information, "Bearer token loaded from {Source}", EventName = "TokenLoaded")]
    public static partial void TokenLoaded(ILogger logger, string source);

    [LoggerMessage(4002, LogLevel.Warning, "Created a new bearer token in {Path} (mode 0600); give it to the central API", EventName = "TokenCreated")]
    public static partial void TokenCreated(ILogger logger, string path);
}
