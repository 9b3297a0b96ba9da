using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Fleet.Gateway;

/// <summary>
/// A central API's gateway for tests: real gRPC (Kestrel, HTTP/2, loopback port 0) serving lineagent.v1.LineGateway.
/// Each agent connection becomes a <see cref="GatewaySession"/> the test drives: it reads what the agent sends, sends
/// Subscribe / Ack / Command, and can drop the stream mid-flight.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    public const string Token = "gateway-token-0123456789";

    private readonly WebApplication _app;

    private TestGateway(WebApplication app, Channel<GatewaySession> sessions)
    {
        _app = app;
        Sessions = sessions.Reader;
        Url = app.Urls.First();
    }

    public string Url { get; }

    /// <summary>Connections as they arrive.</summary>
    public ChannelReader<GatewaySession> Sessions { get; }

    /// <summary>Authorization headers every connection presented.</summary>
    public List<string?> Authorizations { get; } = [];

    /// <summary>
    /// Starts the gateway: plain HTTP/2, or TLS with <paramref name="serverCertificate"/>; with
    /// <paramref name="clientCa"/> it also requires a client certificate issued by that CA (mutual TLS).
    /// </summary>
    public static async Task<TestGateway> StartAsync(X509Certificate2? serverCertificate = null, X509Certificate2? clientCa = null)
    {
        var sessions = Channel.CreateUnbounded<GatewaySession>();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http2;
            if (serverCertificate is not null)
                l.UseHttps(https => RequireTls(https, serverCertificate, clientCa));
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(sessions);
        TestGateway? gateway = null;
        builder.Services.AddSingleton(_ => gateway!);
        var app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        gateway = new TestGateway(app, sessions);
        return gateway;
    }

    private static void RequireTls(HttpsConnectionAdapterOptions https, X509Certificate2 serverCertificate, X509Certificate2? clientCa)
    {
        https.ServerCertificate = serverCertificate;
        if (clientCa is null)
            return;
        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(clientCa);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        };
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private sealed class Service(Channel<GatewaySession> sessions, TestGateway gateway) : Proto.LineGateway.LineGatewayBase
    {
        public override async Task Connect(IAsyncStreamReader<Proto.LineMessage> requestStream, IServerStreamWriter<Proto.GatewayMessage> responseStream,
            ServerCallContext context)
        {
            lock (gateway.Authorizations)
                gateway.Authorizations.Add(context.RequestHeaders.GetValue("authorization"));
            var session = new GatewaySession(responseStream, context.CancellationToken);
            await sessions.Writer.WriteAsync(session);
            var reading = Task.Run(async () =>
            {
                try
                {
                    await foreach (var m in requestStream.ReadAllAsync(context.CancellationToken))
                        await session.Inbox.Writer.WriteAsync(m);
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException or InvalidOperationException)
                {
                }
                session.Inbox.Writer.TryComplete();
            });
            // The stream lives until the test drops it (or the agent goes away).
            await Task.WhenAny(session.Dropped.Task, reading);
        }
    }
}

/// <summary>One agent connection as the gateway sees it.</summary>
public sealed class GatewaySession(IServerStreamWriter<Proto.GatewayMessage> writer, CancellationToken aborted)
{
    private readonly SemaphoreSlim _write = new(1, 1);

    internal Channel<Proto.LineMessage> Inbox { get; } = Channel.CreateUnbounded<Proto.LineMessage>();
    internal TaskCompletionSource Dropped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Everything received so far, in order.</summary>
    public List<Proto.LineMessage> Received { get; } = [];

    public async Task SendAsync(Proto.GatewayMessage message)
    {
        await _write.WaitAsync();
        try
        {
            await writer.WriteAsync(message, aborted);
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>The next message the agent sends that matches, skipping (but recording) the others.</summary>
    public async Task<Proto.LineMessage> NextAsync(Func<Proto.LineMessage, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var m = await Inbox.Reader.ReadAsync(cts.Token);
            Received.Add(m);
            if (match(m))
                return m;
        }
    }

    /// <summary>Ends the stream from the gateway's side, as a network drop or a gateway restart would.</summary>
    public void Drop() => Dropped.TrySetResult();
}
