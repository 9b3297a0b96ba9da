using LineAgent.Agent.MessagesApp.Accessibility.Mac;
using LineAgent.Agent.MessagesApp.Accessibility.Remote;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>Picks the accessibility backend: the simulator's socket when configured, the real API on macOS, else none.</summary>
public static class AxConnectors
{
    /// <summary>The connector <paramref name="options"/> asks for.</summary>
    public static IAxConnector For(IOptions<MessagesDriverOptions> options)
    {
        if (options.Value.AccessibilitySocket is { Length: > 0 } socket)
            return new RemoteAxConnector(socket);
        if (OperatingSystem.IsMacOS())
            return new MacAxConnector();
        return new UnavailableAxConnector();
    }
}
