using System.Diagnostics;
using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Journal;
using LineAgent.FakeChatDb;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineAgent.Bench;

internal static class FeedProfile
{
    public static int Run()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lineagent-prof-" + Guid.NewGuid().ToString("N"));
        using var chatDb = FakeChatDatabase.Create(Path.Combine(dir, "chat.db"), SchemaVariant.Sequoia);
        var chat = chatDb.EnsureDirectChat("+15550001");
        using var journal = new JournalStore(Path.Combine(dir, "journal.db"), new JournalOptions(), TimeProvider.System, NullLogger<JournalStore>.Instance);
        using var engine = new ChangeFeedEngine(Path.Combine(dir, "chat.db"), journal, new ChangeFeedOptions(), TimeProvider.System, NullLogger.Instance);
        engine.RunCycle(false);
        using (chatDb.Batch())
            for (var i = 0; i < 10_000; i++) chatDb.ReceiveText(chat, "+15550001", "burst " + i);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < 30; i++)
        {
            var sw = Stopwatch.StartNew();
            var r = engine.RunCycle(false);
            Console.WriteLine($"cycle {i}: {sw.ElapsedMilliseconds} ms appended {r.Appended} more {r.MoreWork}");
            if (!r.MoreWork && r.Appended == 0) break;
        }
        Console.WriteLine($"total {total.ElapsedMilliseconds} ms");
        foreach (var (k, v) in ChangeFeedEngine.T) Console.WriteLine($"{k}: {v * 1000.0 / Stopwatch.Frequency:F0} ms");
        return 0;
    }
}
