using System.Diagnostics.Metrics;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace LineAgent.Agent.Tests.Observability;

/// <summary>The send pipeline reports each send's final outcome, with the driver's failure kind, to the fleet metrics.</summary>
public sealed class SendMetricsTests
{
    private static MessageSend Text(string to, string text) =>
        new() { To = to, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };

    [Fact]
    public async Task Sends_AreCountedByOutcomeAndFailureKind()
    {
        using var provider = new ServiceCollection().AddMetrics().AddSingleton<LineAgentMetrics>().BuildServiceProvider();
        var metrics = provider.GetRequiredService<LineAgentMetrics>();
        var sends = new List<(string Outcome, string? ErrorCode)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == "lineagent.sends") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(x => x.Key, x => x.Value);
            lock (sends) sends.Add(((string)t["outcome"]!, t.GetValueOrDefault("error_code") as string));
        });
        listener.Start();

        using (var sim = new SimulatedMessages())
        await using (var h = new SendHarness(sim, metrics: metrics))
        {
            h.StartWorker();
            var (ok, _) = h.Pipeline.Submit("ok", Text("+15551110001", "hello"));
            Assert.Equal(SendState.Sent, (await h.WaitFinalAsync(ok.SendId)).State);
        }
        using (var sim = new SimulatedMessages(configure: c => c.AutomationDenied = true))
        await using (var h = new SendHarness(sim, metrics: metrics))
        {
            h.StartWorker();
            var (denied, _) = h.Pipeline.Submit("denied", Text("+15551110002", "hello"));
            Assert.Equal(SendState.Failed, (await h.WaitFinalAsync(denied.SendId)).State);
        }

        lock (sends)
        {
            Assert.Contains(("sent", ""), sends);
            Assert.Contains(sends, s => s.Outcome == "failed" && s.ErrorCode == "AutomationDenied");
        }
    }
}
