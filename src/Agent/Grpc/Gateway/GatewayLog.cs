using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Grpc.Gateway;

/// <summary>Log messages of the gateway connection (EventIds 4190-4199). Never logs tokens or message text.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(4190, LogLevel.Information, "Connected to the gateway {Url}", EventName = "GatewayConnected")]
    public static partial void Connected(ILogger logger, string url);

    [LoggerMessage(4191, LogLevel.Warning, "Gateway connection lost ({Reason}); reconnecting in {Seconds:0.#} s", EventName = "GatewayReconnecting")]
    public static partial void Reconnecting(ILogger logger, double seconds, string reason);
}
