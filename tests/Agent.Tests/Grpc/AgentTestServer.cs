using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Grpc;

/// <summary>
/// The real agent host on Kestrel, 127.0.0.1 port 0, with its state in a temp directory, and Grpc.Net.Client
/// clients for it. Everything the host reads or writes (state dir, chat.db path, attachment root, send staging)
/// points into the directory.
/// </summary>
public sealed class AgentTestServer : IAsyncDisposable
{
    public const string Token = "test-token-0123456789abcdef";

    private readonly List<GrpcChannel> _channels = [];

    private AgentTestServer(WebApplication app, TempDirectory directory)
    {
        App = app;
        Directory = directory;
        Address = AgentHost.ListeningAddress(app);
        Client = NewClient(Token);
    }

    public WebApplication App { get; }
    public TempDirectory Directory { get; }
    public string Address { get; }

    /// <summary>What the test started beside the host (the simulated Messages UI), disposed after it stops.</summary>
    public List<IAsyncDisposable> Owned { get; } = [];

    /// <summary>A client presenting the right token.</summary>
    public Proto.LineAgent.LineAgentClient Client { get; }

    public JournalStore Journal => App.Services.GetRequiredService<JournalStore>();

    public static string StateDirectory(TempDirectory directory) => directory.File("state");
    public static string ChatDbPath(TempDirectory directory) => directory.File("chat.db");
    public static string AttachmentRoot(TempDirectory directory) => directory.File("attachments");
    public static string StagingDirectory(TempDirectory directory) => directory.File("staging");

    /// <summary>The arguments every test host gets (plus <paramref name="extra"/>, which win).</summary>
    public static string[] Arguments(TempDirectory directory, params string[] extra) =>
    [
        "--state-dir", StateDirectory(directory),
        "--chat-db", ChatDbPath(directory),
        "--port", "0",
        "--Attachments:ReceivedRoot", AttachmentRoot(directory),
        "--Outbox:StagingDirectory", StagingDirectory(directory),
        "--Journal:ExternalAppendPollInterval", "00:00:00.050",
        // line.status_changed would add events to every test's journal; the tests of it turn it back on.
        "--Health:StatusEvents", "false",
        .. extra,
    ];

    /// <summary>Writes the token file (0600) the host will read.</summary>
    public static void WriteToken(TempDirectory directory) =>
        PrivateFile.WriteAllText(Path.Combine(StateDirectory(directory), "grpc.token"), Token + "\n");

    public static async Task<AgentTestServer> StartAsync(TempDirectory directory, string[]? extraArgs = null, Action<WebApplicationBuilder>? configure = null)
    {
        System.IO.Directory.CreateDirectory(AttachmentRoot(directory));
        if (!File.Exists(Path.Combine(StateDirectory(directory), "grpc.token")))
            WriteToken(directory);
        var app = AgentHost.Build(Arguments(directory, extraArgs ?? []), configure);
        await app.StartAsync();
        return new AgentTestServer(app, directory);
    }

    /// <summary>A client sending <paramref name="token"/> (null = no authorization header).</summary>
    public Proto.LineAgent.LineAgentClient NewClient(string? token) => new(Invoker(token));

    /// <summary>A call invoker for any service on this host.</summary>
    public CallInvoker Invoker(string? token)
    {
        var channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 });
        _channels.Add(channel);
        var invoker = channel.CreateCallInvoker();
        return token is null ? invoker : invoker.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
            channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        foreach (var owned in Owned)
            await owned.DisposeAsync();
    }
}
