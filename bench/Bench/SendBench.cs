using System.Diagnostics;
using LineAgent.Agent.Attachments;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.Journal;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Outbox.Staging;
using LineAgent.Agent.Pacing;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Bench;

/// <summary>
/// `send`: the send pipeline's own cost per text send — accept into the outbox (idempotency check, journal
/// event), claim, MAX(ROWID) snapshot, durable in-flight mark, correlation in chat.db through ChatDbReader, final
/// state + event — excluding the time the script process runs. The real driver spawns the fake-messages
/// simulator (zero delays, pacing off); its measured run time is subtracted per send.
/// Options: --count N (default 300), --warmup N (default 20).
/// </summary>
public static class SendBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = IntOption(args, "--count", 300);
        var warmup = IntOption(args, "--warmup", 20);
        var dir = Path.Combine(Path.GetTempPath(), "lineagent-bench-send-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            return await RunInAsync(dir, count, warmup);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string dir, int count, int warmup)
    {
        var chatDbPath = Path.Combine(dir, "chat.db");
        using (var db = FakeChatDatabase.Create(chatDbPath, SchemaVariant.Sequoia))
        {
            // A realistic table: some history so MAX(ROWID) and the chat lookups are not on an empty file.
            using var batch = db.Batch();
            var chat = db.EnsureDirectChat("+15550001000");
            for (var i = 0; i < 5_000; i++)
                db.SendText(chat, "history " + i);
        }
        new SimConfig().Save(SimConfig.PathFor(chatDbPath));

        var time = TimeProvider.System;
        var simulator = Path.Combine(AppContext.BaseDirectory, "fake-messages");
        var driverOptions = Options.Create(new MessagesDriverOptions
        {
            OsascriptPath = simulator,
            LaunchSettleDelay = TimeSpan.Zero,
            Environment = { ["LINEAGENT_SIM_CHAT_DB"] = chatDbPath },
        });
        var runner = new TimedRunner(new OsaScriptRunner(driverOptions, NullLogger<OsaScriptRunner>.Instance));
        var driver = new AppleScriptMessagesDriver(runner, driverOptions, NullLogger<AppleScriptMessagesDriver>.Instance);
        using var journal = new JournalStore(Path.Combine(dir, "journal.db"), new JournalOptions(), time, NullLogger<JournalStore>.Instance);
        var store = new OutboxStore(journal, time);
        using var source = new ChatDbSource(chatDbPath);
        var chatDb = new ChatDbView(source);
        var correlation = Options.Create(new CorrelationOptions { PollInterval = TimeSpan.FromMilliseconds(1) });
        var correlator = new SendCorrelator(chatDb, correlation, time, NullLogger<SendCorrelator>.Instance);
        var outbox = Options.Create(new OutboxOptions { StagingDirectory = Path.Combine(dir, "staging"), MaxQueuedSends = 1_000_000 });
        var pacing = Options.Create(new PacingOptions { Enabled = false });
        var stager = new AttachmentStager(outbox);
        var uploads = new AttachmentStore(Options.Create(new AttachmentOptions { UploadDirectory = Path.Combine(dir, "uploads") }),
            Options.Create(new AgentOptions { ChatDbPath = chatDbPath, StateDirectory = dir }), time);
        var planner = new SendPlanner(driver, stager, uploads, chatDb, correlation,
            new UiActionPlanner(new UnbuiltMessagesUi(), chatDb, stager, uploads, correlation, time));
        var executor = new SendExecutor(store, planner, correlator, new SendPacer(pacing, time), pacing, time, NullLogger<SendExecutor>.Instance);
        var pipeline = new SendPipeline(store, chatDb, new SendSignal(), outbox, pacing);

        var overheads = new List<double>(count);
        var scripts = new List<double>(count);
        var wall = Stopwatch.StartNew();
        for (var i = -warmup; i < count; i++)
        {
            if (i == 0)
                wall.Restart();
            runner.Reset();
            var started = Stopwatch.GetTimestamp();
            var (entry, _) = pipeline.Submit($"bench-{i}", new MessageSend
            {
                To = "+15550001000", Parts = [new OutboundPart(OutboundPartKind.Text, $"bench message {i}")],
            });
            var done = await executor.ExecuteAsync(entry, CancellationToken.None);
            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (done.State != LineAgent.Agent.Outbox.SendState.Sent)
            {
                Console.Error.WriteLine($"send {i} ended {done.State}: {done.Error}");
                return 1;
            }
            if (i >= 0)
            {
                overheads.Add(total - runner.ElapsedMs);
                scripts.Add(runner.ElapsedMs);
            }
        }
        var elapsed = wall.Elapsed.TotalSeconds;

        overheads.Sort();
        scripts.Sort();
        Console.WriteLine($"send benchmark: {count} text sends (after {warmup} warm-up), pacing off, zero-delay simulator, 5,000-row chat.db");
        Console.WriteLine($"  pipeline overhead per send (excl. script process): p50 {Percentile(overheads, 0.50):0.00} ms, p99 {Percentile(overheads, 0.99):0.00} ms, max {overheads[^1]:0.00} ms");
        Console.WriteLine($"  script process (fake-messages spawn + write):      p50 {Percentile(scripts, 0.50):0.00} ms, p99 {Percentile(scripts, 0.99):0.00} ms");
        Console.WriteLine($"  throughput end to end: {count / elapsed:0.0} sends/s; pipeline alone: {1000.0 / overheads.Average():0} sends/s");
        Console.WriteLine($"  target overhead p50 <= 2 ms: {(Percentile(overheads, 0.50) <= 2.0 ? "met" : "MISSED")}");
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    /// <summary>Measures how long the script processes ran, so it can be subtracted.</summary>
    private sealed class TimedRunner(IOsaScriptRunner inner) : IOsaScriptRunner
    {
        public double ElapsedMs { get; private set; }

        public void Reset() => ElapsedMs = 0;

        public async Task<OsaScriptResult> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
            Action? beforeSpawn = null)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await inner.RunAsync(script, arguments, timeout, cancellationToken, beforeSpawn);
            }
            finally
            {
                ElapsedMs += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
    }
}
