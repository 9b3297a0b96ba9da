using System.Diagnostics.Metrics;
using LineAgent.Agent.Line;
using LineAgent.Agent.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.Observability;

/// <summary>The permission gauges follow the line's health probes, and an undecided probe records nothing.</summary>
public sealed class PermissionHealthRecorderTests
{
    private sealed class FixedStatus(LineHealthReport health) : ILineStatusProvider
    {
        public Task<LineStatus> GetStatusAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new LineStatus([], null, "test", "0", [], health, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task RecordOnce_RecordsDecidedPermissions_AndSkipsUnknownOnes()
    {
        using var provider = new ServiceCollection().AddMetrics().AddSingleton<LineAgentMetrics>().BuildServiceProvider();
        var metrics = provider.GetRequiredService<LineAgentMetrics>();
        var seen = new Dictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (ReferenceEquals(i.Meter, metrics.Meter) && i.Name == "lineagent.permission.granted") l.EnableMeasurementEvents(i); },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            lock (seen) seen[(string)tags.ToArray().Single(t => t.Key == "permission").Value!] = value;
        });
        listener.Start();

        var health = new LineHealthReport(
            ChatDbReadable: ProbeResult.Available,
            MessagesRunning: ProbeResult.Available,
            AutomationPermission: new ProbeResult(ProbeState.Unavailable, "Automation denied"),
            AccessibilityPermission: ProbeResult.NotProbed("not on macOS"));
        var recorder = new PermissionHealthRecorder(new FixedStatus(health), metrics,
            Options.Create(new ObservabilityOptions { MetricsEnabled = true }), TimeProvider.System, NullLogger<PermissionHealthRecorder>.Instance);

        await recorder.RecordOnceAsync(CancellationToken.None);

        lock (seen)
        {
            Assert.Equal(1, seen["full_disk_access"]);
            Assert.Equal(0, seen[LineAgentMetrics.TagValue(AgentPermission.AutomationMessages)]);
            Assert.False(seen.ContainsKey(LineAgentMetrics.TagValue(AgentPermission.Accessibility)));
        }
    }
}
