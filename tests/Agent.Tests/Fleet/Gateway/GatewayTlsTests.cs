using System.Security.Cryptography.X509Certificates;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using Proto = LineAgent.Protocol.V1;
using static LineAgent.Agent.Tests.TestSupport.TestCertificates;

namespace LineAgent.Agent.Tests.Fleet.Gateway;

/// <summary>
/// Dial-out over TLS, as a line behind NAT reaches a real gateway: the gateway's certificate must chain to the
/// configured CA and name the host dialled, and a gateway that requires mutual TLS gets the line's client certificate.
/// A gateway that fails either check never sees a connection (so never a command, never an event).
/// </summary>
public sealed class GatewayTlsTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>How long a refused gateway is watched for a connection that must not come (dozens of retries at 50 ms).</summary>
    private static readonly TimeSpan Refused = TimeSpan.FromSeconds(3);

    private readonly TempDirectory _dir = new();
    private readonly X509Certificate2 _ca = SelfSignedCa("LineAgent gateway test CA");

    public GatewayTlsTests()
    {
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia)) { }
        File.WriteAllText(_dir.File("ca.pem"), _ca.ExportCertificatePem());
    }

    public void Dispose()
    {
        _ca.Dispose();
        _dir.Dispose();
    }

    public enum Trust { ConfiguredCa, AnotherCa, CertificateForAnotherName }

    [Theory]
    [InlineData(Trust.ConfiguredCa)]
    [InlineData(Trust.AnotherCa)]
    [InlineData(Trust.CertificateForAnotherName)]
    public async Task TlsGateway_IsReachedOnlyWhenItsCertificateChainsToTheCa_AndNamesTheHost(Trust trust)
    {
        using var stranger = SelfSignedCa("Someone else");
        using var certificate = trust switch
        {
            Trust.AnotherCa => Issue(stranger, "CN=127.0.0.1", serverAuth: true),
            Trust.CertificateForAnotherName => Issue(_ca, "CN=gateway.example.com", serverAuth: true, dnsName: "gateway.example.com"),
            _ => Issue(_ca, "CN=127.0.0.1", serverAuth: true),
        };
        await using var gateway = await TestGateway.StartAsync(certificate);
        Assert.StartsWith("https://", gateway.Url);

        await using var agent = await AgentTestServer.StartAsync(_dir, Dial(gateway));

        if (trust == Trust.ConfiguredCa)
        {
            var session = await gateway.Sessions.ReadAsync(new CancellationTokenSource(Wait).Token);
            var hello = (await session.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Hello, Wait)).Hello;
            Assert.Equal((await agent.Client.GetLineAsync(new Proto.GetLineRequest())).LineId, hello.LineId);
        }
        else
        {
            await AssertNoConnectionAsync(gateway);
            Assert.NotEmpty((await agent.Client.GetLineAsync(new Proto.GetLineRequest())).LineId);   // the line itself keeps serving
        }
    }

    [Fact]
    public async Task MutualTlsGateway_GetsTheLinesClientCertificate_AndRefusesALineWithout()
    {
        using var server = Issue(_ca, "CN=127.0.0.1", serverAuth: true);
        using var client = Issue(_ca, "CN=line-1", serverAuth: false);
        var (certificatePath, keyPath) = WritePem(client, _dir.File("line.pem"), _dir.File("line.key"));
        await using var gateway = await TestGateway.StartAsync(server, clientCa: _ca);

        await using (await AgentTestServer.StartAsync(_dir, Dial(gateway)))
            await AssertNoConnectionAsync(gateway);

        await using var agent = await AgentTestServer.StartAsync(_dir,
            [.. Dial(gateway), "--Gateway:ClientCertificatePath", certificatePath, "--Gateway:ClientKeyPath", keyPath]);
        var session = await gateway.Sessions.ReadAsync(new CancellationTokenSource(Wait).Token);
        await session.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Hello, Wait);
    }

    private string[] Dial(TestGateway gateway) =>
        ["--Gateway:Url", gateway.Url, "--Gateway:CaPath", _dir.File("ca.pem"), "--Gateway:MinBackoff", "00:00:00.050", "--Gateway:MaxBackoff", "00:00:00.100"];

    private static async Task AssertNoConnectionAsync(TestGateway gateway)
    {
        using var watch = new CancellationTokenSource(Refused);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await gateway.Sessions.ReadAsync(watch.Token));
    }
}
