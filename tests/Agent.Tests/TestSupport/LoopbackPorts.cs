using System.Net;
using System.Net.Sockets;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>Free loopback ports for tests that must know a port before the server starts.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
