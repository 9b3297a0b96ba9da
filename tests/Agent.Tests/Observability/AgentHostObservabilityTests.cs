using LineAgent.Agent.Events;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Operations.Doctor.Checks;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.Operations;
using LineAgent.Agent.Tests.Operations.Doctor;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Observability;

/// <summary>The host wires metrics: journal appends are counted by type, scraped on their own loopback port.</summary>
public class AgentHostObservabilityTests
{
    [Fact]
    public async Task AgentHost_WithObservability_ServesMetricsAndGrpcHealthOnSeparateLoopbackPorts()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(AgentTestServer.AttachmentRoot(directory));
        AgentTestServer.WriteToken(directory);
        var metricsPort = LoopbackPorts.Free();
        await using var app = AgentHost.Build(
            AgentTestServer.Arguments(directory, "--Observability:MetricsEnabled", "true", "--Observability:MetricsPort", metricsPort.ToString()));
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.Contains($"http://127.0.0.1:{metricsPort}", addresses);
        var grpc = Assert.Single(addresses, a => a != $"http://127.0.0.1:{metricsPort}");

        Assert.Equal(grpc, AgentHost.ListeningAddress(app));

        app.Services.GetRequiredService<JournalStore>().Append(
            [new NewJournalEvent("m1:received", JournalEventTypes.MessageReceived, DateTimeOffset.UtcNow, "iMessage;-;+15555550123", "m1", "{}")]);
        using var http = new HttpClient();
        var scrape = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Contains("lineagent_events_total{", scrape);
        Assert.Contains("type=\"message.received\"", scrape);
        Assert.Contains("lineagent_event_latency_seconds_count", scrape);

        using var home = new TempDirectory();
        var health = await new GrpcEndpointCheck().RunAsync(
            DoctorContexts.Create(home, new FakeCommandRunner(), grpc: new Uri(grpc), token: AgentTestServer.Token), CancellationToken.None);
        Assert.True(health.Status == CheckStatus.Pass, health.Detail);
        await app.StopAsync();
    }
}
