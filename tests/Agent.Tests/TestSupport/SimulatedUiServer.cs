using LineAgent.FakeMessages.Ax;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>
/// The simulated Messages UI served on a socket beside a test host's chat.db, as `fake-messages ax-serve` serves the
/// sandbox: the host gets <c>--MessagesDriver:AccessibilitySocket</c> <see cref="SocketPath"/>.
/// </summary>
public sealed class SimulatedUiServer : IAsyncDisposable
{
    private SimulatedUiServer(FakeMessagesUi ui, AxServer server)
    {
        Ui = ui;
        Server = server;
    }

    public FakeMessagesUi Ui { get; }
    public AxServer Server { get; }
    public string SocketPath => Server.SocketPath;

    /// <summary>The host arguments that point the agent's accessibility driver here.</summary>
    public string[] HostArguments => ["--MessagesDriver:AccessibilitySocket", SocketPath];

    public static SimulatedUiServer Start(string chatDbPath, string socketPath)
    {
        var ui = new FakeMessagesUi(chatDbPath);
        ui.Settle.Scale = 0.2;
        return new SimulatedUiServer(ui, AxServer.Start(ui, socketPath));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Ui.Dispose();
    }
}
