using System.Net;
using LineAgent.Agent.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Observability;

public class PrometheusEndpointTests
{
    private static async Task<WebApplication> StartAsync(int grpcPort, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        // Stands in for the gRPC endpoint: HTTP/2 only, the way the host configures it.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, grpcPort, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddObservability(builder.Configuration);
        var app = builder.Build();
        app.UseObservability();
        app.MapGet("/", () => "grpc stand-in");
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task MetricsEnabled_ServesPrometheusTextOnLoopbackHttp1Port_AndNotOnTheGrpcPort()
    {
        var (grpcPort, metricsPort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        await using var app = await StartAsync(grpcPort, new()
        {
            ["Observability:MetricsEnabled"] = "true",
            ["Observability:MetricsPort"] = metricsPort.ToString(),
        });
        app.Services.GetRequiredService<LineAgentMetrics>().RecordSend("failed", "-1743");
        using var http = new HttpClient();

        var scrape = await http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics");
        var body = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("lineagent_sends_total{", body);
        Assert.Contains("error_code=\"-1743\"", body);
        Assert.Contains("outcome=\"failed\"", body);

        using var onGrpcPort = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{grpcPort}/metrics")
        {
            Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(onGrpcPort)).StatusCode);
    }

    [Fact]
    public async Task MetricsDisabledByDefault_OpensNoMetricsPort()
    {
        var (grpcPort, metricsPort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        await using var app = await StartAsync(grpcPort, new() { ["Observability:MetricsPort"] = metricsPort.ToString() });
        using var http = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{metricsPort}/metrics"));
    }
}
