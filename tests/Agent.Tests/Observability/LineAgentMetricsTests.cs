using System.Diagnostics.Metrics;
using LineAgent.Agent.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace LineAgent.Agent.Tests.Observability;

public class LineAgentMetricsTests
{
    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);

    /// <summary>Collects measurements of this container's LineAgent meter only (tests run in parallel).</summary>
    private static (LineAgentMetrics, List<Measurement>, IDisposable) Listen()
    {
        var provider = new ServiceCollection().AddMetrics().AddSingleton<LineAgentMetrics>().BuildServiceProvider();
        var metrics = provider.GetRequiredService<LineAgentMetrics>();
        var seen = new List<Measurement>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (ReferenceEquals(instrument.Meter, metrics.Meter)) l.EnableMeasurementEvents(instrument); },
        };
        void Add(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (seen) seen.Add(new(i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        return (metrics, seen, new Disposables(listener, provider));
    }

    private sealed class Disposables(params IDisposable[] items) : IDisposable
    {
        public void Dispose() { foreach (var d in items) d.Dispose(); }
    }

    [Fact]
    public void RecordSend_CountsByOutcomeAndErrorCode()
    {
        var (metrics, seen, scope) = Listen();
        using (scope)
        {
            metrics.RecordSend("sent");
            metrics.RecordSend("failed", "-1743");

            Assert.Collection(seen.Where(m => m.Instrument == "lineagent.sends"),
                m => { Assert.Equal(1, m.Value); Assert.Equal("sent", m.Tags["outcome"]); Assert.Equal("", m.Tags["error_code"]); },
                m => { Assert.Equal("failed", m.Tags["outcome"]); Assert.Equal("-1743", m.Tags["error_code"]); });
        }
    }

    [Fact]
    public void RecordEventAndLatency_TagTypeAndClampNegativeLatency()
    {
        var (metrics, seen, scope) = Listen();
        using (scope)
        {
            metrics.RecordEvent("message.received");
            metrics.RecordEventLatency(TimeSpan.FromMilliseconds(250));
            metrics.RecordEventLatency(TimeSpan.FromSeconds(-3));

            Assert.Equal("message.received", Assert.Single(seen, m => m.Instrument == "lineagent.events").Tags["type"]);
            Assert.Equal([0.25, 0], seen.Where(m => m.Instrument == "lineagent.event.latency").Select(m => m.Value));
        }
    }

    [Fact]
    public void Gauges_ReportOutboxPacingAndPermissions()
    {
        var (metrics, seen, scope) = Listen();
        using (scope)
        {
            metrics.RecordOutboxDepth(12);
            metrics.RecordPacingBudget(3.5);
            metrics.RecordPermission(AgentPermission.FullDiskAccess, granted: false);

            Assert.Equal(12, Assert.Single(seen, m => m.Instrument == "lineagent.outbox.depth").Value);
            Assert.Equal(3.5, Assert.Single(seen, m => m.Instrument == "lineagent.pacing.budget").Value);
            var permission = Assert.Single(seen, m => m.Instrument == "lineagent.permission.granted");
            Assert.Equal(0, permission.Value);
            Assert.Equal("full_disk_access", permission.Tags["permission"]);
        }
    }

    [Theory]
    [InlineData(LogFormat.Auto, true, true)]
    [InlineData(LogFormat.Auto, false, false)]
    [InlineData(LogFormat.Json, false, true)]
    [InlineData(LogFormat.Text, true, false)]
    public void UseJsonConsole_AutoFollowsRedirection(LogFormat format, bool redirected, bool json) =>
        Assert.Equal(json, ObservabilityServiceCollectionExtensions.UseJsonConsole(format, redirected));
}
