using System.Text.Json;
using LineAgent.Agent.Attachments;
using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.Journal;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Outbox.Staging;
using LineAgent.Agent.Pacing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>
/// The whole send pipeline over a simulated Messages: journal.db + outbox, the real driver spawning fake-messages,
/// the correlator reading the fake chat.db through ChatDbReader, the serial worker, and a change feed journaling the
/// rows' receipts for the delivery tracker (<see cref="FeedAndTrack"/>). Dispose stops it;
/// <see cref="Restart"/> simulates an agent restart on the same files.
/// </summary>
public sealed class SendHarness : IAsyncDisposable
{
    private CancellationTokenSource? _workerCts;
    private Task? _workerTask;

    public SendHarness(SimulatedMessages sim, Action<PacingOptions>? pacing = null, Action<CorrelationOptions>? correlation = null,
        Action<OutboxOptions>? outbox = null, TimeSpan? scriptTimeout = null, LineAgentMetrics? metrics = null, IMessagesUi? ui = null)
    {
        Sim = sim;
        Ui = ui ?? new UnbuiltMessagesUi();
        Metrics = metrics;
        Pacing = new PacingOptions { Enabled = false };
        pacing?.Invoke(Pacing);
        Correlation = new CorrelationOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            TextTimeout = TimeSpan.FromSeconds(10),
            AttachmentTimeout = TimeSpan.FromSeconds(10),
            UiActionTimeout = TimeSpan.FromSeconds(10),
            GhostGrace = TimeSpan.FromMilliseconds(200),
        };
        correlation?.Invoke(Correlation);
        Outbox = new OutboxOptions { StagingDirectory = sim.Directory.File("staging"), StagedFileRetention = TimeSpan.Zero };
        outbox?.Invoke(Outbox);
        ScriptTimeout = scriptTimeout;
        var agent = Options.Create(new AgentOptions { ChatDbPath = sim.ChatDbPath, StateDirectory = sim.Directory.Path });
        Uploads = new AttachmentStore(Options.Create(new AttachmentOptions { UploadDirectory = sim.Directory.File("uploads") }), agent, TimeProvider.System);
        Build();
    }

    public SimulatedMessages Sim { get; }

    /// <summary>The accessibility driver the UI actions run on (a strict test double, or the unbuilt stand-in).</summary>
    public IMessagesUi Ui { get; }
    public PacingOptions Pacing { get; }
    public CorrelationOptions Correlation { get; }
    public OutboxOptions Outbox { get; }
    public TimeSpan? ScriptTimeout { get; }
    public AttachmentStore Uploads { get; }
    public LineAgentMetrics? Metrics { get; }

    public JournalStore Journal { get; private set; } = null!;
    public OutboxStore Store { get; private set; } = null!;
    public SendPipeline Pipeline { get; private set; } = null!;
    public SendExecutor Executor { get; private set; } = null!;
    public SendWorker Worker { get; private set; } = null!;
    public DeliveryTracker Tracker { get; private set; } = null!;
    public StagedFileCleaner Cleaner { get; private set; } = null!;
    public ChatDbView ChatDb { get; private set; } = null!;
    public ChatDbSource ChatDbSource { get; private set; } = null!;
    public SendCorrelator Correlator { get; private set; } = null!;
    private ChangeFeedEngine _feed = null!;

    private void Build()
    {
        var time = TimeProvider.System;
        Journal = new JournalStore(Sim.Directory.File("journal.db"), new JournalOptions(), time, NullLogger<JournalStore>.Instance);
        Store = new OutboxStore(Journal, time);
        ChatDbSource = new ChatDbSource(Sim.ChatDbPath);
        ChatDb = new ChatDbView(ChatDbSource);
        Correlator = new SendCorrelator(ChatDb, Options.Create(Correlation), time, NullLogger<SendCorrelator>.Instance);
        var stager = new AttachmentStager(Options.Create(Outbox));
        var uiActions = new UiActionPlanner(Ui, ChatDb, stager, Uploads, Options.Create(Correlation), time);
        var planner = new SendPlanner(Sim.Driver(ScriptTimeout), stager, Uploads, ChatDb, Options.Create(Correlation), uiActions);
        var pacing = Options.Create(Pacing);
        Executor = new SendExecutor(Store, planner, Correlator, new SendPacer(pacing, time), pacing, time, NullLogger<SendExecutor>.Instance, Metrics);
        var signal = new SendSignal();
        Pipeline = new SendPipeline(Store, ChatDb, signal, Options.Create(Outbox), pacing);
        Worker = new SendWorker(Store, Executor, signal, Options.Create(new OutboxOptions { IdlePollInterval = TimeSpan.FromMilliseconds(50) }),
            NullLogger<SendWorker>.Instance, Metrics);
        Tracker = new DeliveryTracker(Store, Journal, Options.Create(Correlation), time, NullLogger<DeliveryTracker>.Instance);
        Cleaner = new StagedFileCleaner(Store, ChatDb, stager, Options.Create(Outbox), time, NullLogger<StagedFileCleaner>.Instance);
        _feed = new ChangeFeedEngine(ChatDbSource, Journal, new ChangeFeedOptions { JoinWait = TimeSpan.Zero, UpdateScanInterval = TimeSpan.Zero },
            time, NullLogger.Instance);
        _feed.RunCycle(force: true);   // the feed starts at chat.db's end, as the agent's does on first start
    }

    /// <summary>One change-feed pass (chat.db → journal), then the delivery tracker catches up on the journal.</summary>
    public void FeedAndTrack()
    {
        Feed();
        Tracker.CatchUp();
    }

    /// <summary>One change-feed pass: chat.db's new and changed rows become journal events.</summary>
    public void Feed() => _feed.RunCycle(force: true);

    /// <summary>Stores an upload as UploadAttachment would (the name is taken as given: staging must still sanitise it).</summary>
    public string AddUpload(string fileName, byte[] content, string mimeType = "image/jpeg")
    {
        var id = "att_" + Guid.NewGuid().ToString("N");
        var folder = Path.Combine(Uploads.Directory, id);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "content");
        File.WriteAllBytes(path, content);
        var stored = new StoredAttachment(id, fileName, mimeType, content.Length, "", path, DateTimeOffset.UtcNow);
        File.WriteAllText(Path.Combine(Uploads.Directory, id + ".json"), JsonSerializer.Serialize(stored, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        return id;
    }

    /// <summary>Starts the serial worker in the background.</summary>
    public void StartWorker()
    {
        _workerCts = new CancellationTokenSource();
        _workerTask = Task.Run(() => Worker.RunAsync(_workerCts.Token));
    }

    public async Task StopWorkerAsync()
    {
        if (_workerCts is null) return;
        await _workerCts.CancelAsync();
        try { await _workerTask!; } catch (OperationCanceledException) { }
        _workerCts.Dispose();
        _workerCts = null;
    }

    /// <summary>Stops everything and reopens journal.db and chat.db, as a restarted agent would.</summary>
    public async Task RestartAsync()
    {
        await StopWorkerAsync();
        _feed.Dispose();
        ChatDbSource.Dispose();
        Journal.Dispose();
        Build();
    }

    /// <summary>Waits until the send reaches a final state (sent, failed, unconfirmed).</summary>
    public Task<OutboxEntry> WaitFinalAsync(string sendId, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => Store.Find(sendId)!, e => e.State is SendState.Sent or SendState.Failed or SendState.Unconfirmed,
            $"send {sendId} to finish", timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>Event types journaled for a send, in order.</summary>
    public IReadOnlyList<string> EventTypes(string sendId) =>
        Journal.ReadAfter(0, 10_000).Where(e => e.Id.StartsWith($"send:{sendId}:", StringComparison.Ordinal)).Select(e => e.Type).ToList();

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        _feed.Dispose();
        ChatDbSource.Dispose();
        Journal.Dispose();
    }
}
