using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.Protocol.V1;
using static LineAgent.Agent.Tests.TestSupport.TestCertificates;

namespace LineAgent.Agent.Tests.Hosting;

public sealed class MutualTlsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task MutualTls_ClientCertificateFromTheCa_IsServed_OthersAreRefused()
    {
        using var ca = SelfSignedCa("LineAgent test CA");
        using var server = Issue(ca, "CN=127.0.0.1", serverAuth: true);
        using var client = Issue(ca, "CN=central-api", serverAuth: false);
        using var stranger = SelfSignedCa("Someone else");
        File.WriteAllText(_dir.File("server.pem"), server.ExportCertificatePem());
        File.WriteAllText(_dir.File("server.key"), server.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(_dir.File("ca.pem"), ca.ExportCertificatePem());

        await using var agent = await AgentTestServer.StartAsync(_dir,
        [
            "--Grpc:TlsCertificatePath", _dir.File("server.pem"), "--Grpc:TlsKeyPath", _dir.File("server.key"),
            "--Grpc:ClientCaPath", _dir.File("ca.pem"),
        ]);
        Assert.StartsWith("https://", agent.Address);

        var line = await Client(agent.Address, ca, client).GetLineAsync(new GetLineRequest());
        Assert.NotEmpty(line.AgentVersion);

        foreach (var certificate in new[] { stranger, null })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client(agent.Address, ca, certificate).GetLineAsync(new GetLineRequest()));
            // The TLS handshake fails, so no call reaches the API (Grpc.Net.Client reports it as a failure to start the call).
            Assert.Contains(ex.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
            Assert.Contains("Error starting gRPC call", ex.Status.Detail);
        }
    }

    [Fact]
    public async Task MutualTls_ClientCertificateWithoutClientAuthUsage_IsRefused()
    {
        using var ca = SelfSignedCa("LineAgent test CA");
        using var server = Issue(ca, "CN=127.0.0.1", serverAuth: true);
        // Issued by the trusted CA, but for another purpose (a server certificate) or for none stated at all.
        using var serverOnly = Issue(ca, "CN=some-web-server", serverAuth: true);
        using var noUsage = Issue(ca, "CN=no-eku", serverAuth: false, withEku: false);
        using var client = Issue(ca, "CN=central-api", serverAuth: false);
        File.WriteAllText(_dir.File("server.pem"), server.ExportCertificatePem());
        File.WriteAllText(_dir.File("server.key"), server.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(_dir.File("ca.pem"), ca.ExportCertificatePem());

        await using var agent = await AgentTestServer.StartAsync(_dir,
        [
            "--Grpc:TlsCertificatePath", _dir.File("server.pem"), "--Grpc:TlsKeyPath", _dir.File("server.key"),
            "--Grpc:ClientCaPath", _dir.File("ca.pem"),
        ]);

        foreach (var certificate in new[] { serverOnly, noUsage })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client(agent.Address, ca, certificate).GetLineAsync(new GetLineRequest()));
            Assert.Contains(ex.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        }
        Assert.NotEmpty((await Client(agent.Address, ca, client).GetLineAsync(new GetLineRequest())).AgentVersion);
    }

    private static LineAgent.Protocol.V1.LineAgent.LineAgentClient Client(string address, X509Certificate2 ca, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return cert is not null && chain.Build(new X509Certificate2(cert));
                },
            },
        };
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        return new(channel.CreateCallInvoker().Intercept(m => { m.Add("authorization", "Bearer " + AgentTestServer.Token); return m; }));
    }
}
