using System.Diagnostics.Metrics;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Outbox.Canary;
using LineAgent.Agent.Outbox.Status;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeMessages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LineAgent.Agent.Tests.Fleet.Canary;

/// <summary>
/// The canary over the whole send pipeline and a simulated Messages (<see cref="SendHarness"/>): the real worker, driver,
/// correlator, change feed and delivery tracker; the canary's clock is fake so rounds advance without waiting. The fake
/// clock starts an hour behind the real one (the outbox and chat.db stamp real time), so a sent canary is never judged
/// late by accident; <see cref="PassDeliveryTimeout"/> moves it past a real stamp on purpose.
/// </summary>
internal sealed class CanaryRig : IAsyncDisposable
{
    public const string Peer = "+15555550123";

    private readonly ServiceProvider _metricsProvider;
    private readonly MeterListener _listener;

    public CanaryRig(Action<SimConfig>? sim = null, Action<CanaryOptions>? canary = null)
    {
        Sim = new SimulatedMessages(configure: sim);
        Harness = new SendHarness(Sim);
        Options = new CanaryOptions
        {
            Peer = Peer, Interval = TimeSpan.FromMinutes(1), DeliveryTimeout = TimeSpan.FromSeconds(10), MissesToDegrade = 3,
            YieldFor = TimeSpan.Zero,
        };
        canary?.Invoke(Options);
        _metricsProvider = new ServiceCollection().AddMetrics().AddSingleton<LineAgentMetrics>().BuildServiceProvider();
        Metrics = _metricsProvider.GetRequiredService<LineAgentMetrics>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (ReferenceEquals(instrument.Meter, Metrics.Meter)) l.EnableMeasurementEvents(instrument); },
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i.Name, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i.Name, v, t));
        _listener.Start();
        Build();
        // Start at the beginning of a round (a round entered near its end waits for the next).
        Time.Advance(CanaryRound.At(Time.GetUtcNow(), Options.Interval, Peer, LineId.Get()).End - Time.GetUtcNow() + TimeSpan.FromSeconds(1));
    }

    public SimulatedMessages Sim { get; }
    public SendHarness Harness { get; }
    public CanaryOptions Options { get; }
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow - TimeSpan.FromHours(1));
    public LineAgentMetrics Metrics { get; }
    public LineIdSource LineId { get; private set; } = null!;
    public CanaryLedger Ledger { get; private set; } = null!;
    public LineConditionsSource Conditions { get; private set; } = null!;
    public CanaryService Service { get; private set; } = null!;

    /// <summary>(instrument, value, tags "k=v,…") of every measurement so far.</summary>
    public List<(string Instrument, double Value, string Tags)> Measurements { get; } = [];

    private void Record(string name, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
        lock (Measurements)
            Measurements.Add((name, value, text));
    }

    /// <summary>Measurements of one instrument, as "value|tags".</summary>
    public List<string> Seen(string instrument)
    {
        lock (Measurements)
            return Measurements.Where(m => m.Instrument == instrument).Select(m => $"{m.Value}|{m.Tags}").ToList();
    }

    /// <summary>The canary's parts on the harness's current pipeline (again after <see cref="RestartAsync"/>).</summary>
    private void Build()
    {
        var agent = Microsoft.Extensions.Options.Options.Create(new AgentOptions { StateDirectory = Sim.Directory.File("state"), LineId = "canary-line" });
        LineId = new LineIdSource(agent);
        var canary = Microsoft.Extensions.Options.Options.Create(Options);
        Ledger = new CanaryLedger(Harness.Store, canary, LineId, Time, NullLogger<CanaryLedger>.Instance, Metrics);
        var pacing = Microsoft.Extensions.Options.Options.Create(Harness.Pacing);
        var probe = new MessagesCapabilityProbe(Sim.Driver(), Sim.Accessibility(), Time);
        Conditions = new LineConditionsSource(Harness.Store, new SendPacer(pacing, Time), new FeedProgress(), Harness.ChatDbSource,
            Microsoft.Extensions.Options.Options.Create(new HealthOptions()), pacing, Microsoft.Extensions.Options.Options.Create(Harness.Outbox),
            Time, probe, Metrics, Ledger);
        Service = new CanaryService(Ledger, Harness.Pipeline, Harness.Store, Conditions, LineId, Time, NullLogger<CanaryService>.Instance,
            probe, Metrics);
    }

    /// <summary>A restarted agent on the same journal.db and chat.db (its worker stopped).</summary>
    public async Task RestartAsync()
    {
        await Harness.RestartAsync();
        Build();
    }

    /// <summary>The next round.</summary>
    public void NextRound() => Time.Advance(Options.Interval);

    /// <summary>Moves the canary's clock past the delivery timeout of a canary sent now (real time).</summary>
    public void PassDeliveryTimeout() => Time.SetUtcNow(DateTimeOffset.UtcNow + Options.DeliveryTimeout + TimeSpan.FromSeconds(1));

    /// <summary>Feeds chat.db's receipts to the outbox until the send is judged (delivered, failed or unconfirmed).</summary>
    public Task<OutboxEntry> SettleAsync(string sendId) => Eventually.UntilAsync(() =>
    {
        Harness.FeedAndTrack();
        return Harness.Store.Find(sendId)!;
    }, e => e.DeliveredAt is not null || e.State is SendState.Failed or SendState.Unconfirmed, $"canary {sendId} to be judged");

    /// <summary>One round that must submit a new send, settled.</summary>
    public async Task<OutboxEntry> RoundAsync()
    {
        var attempt = await Service.StartRoundAsync(CancellationToken.None);
        Assert.Null(attempt.SkipReason);
        Assert.False(attempt.Replayed);
        return await SettleAsync(attempt.Entry!.SendId);
    }

    /// <summary>Every canary send in the outbox, newest first.</summary>
    public IReadOnlyList<OutboxEntry> Canaries() => Harness.Store.ListWithKeyPrefixDescending(LineTrafficKeys.CanaryPrefix, 1000);

    /// <summary>The texts the simulated Messages was asked to send (send scripts only).</summary>
    public IReadOnlyList<string> SendCalls => Sim.Actions;

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _metricsProvider.DisposeAsync();
        await Harness.DisposeAsync();
        Sim.Dispose();
    }
}
