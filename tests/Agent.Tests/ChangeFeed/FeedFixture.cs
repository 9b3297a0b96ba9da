using LineAgent.Agent.ChatDb;
using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LineAgent.Agent.Tests.ChangeFeed;

/// <summary>
/// A fake chat.db (written through its own connection, as Messages would) plus a journal, and engines over them.
/// Time is fake so join waits and scan intervals are stepped explicitly.
/// </summary>
public sealed class FeedFixture : IDisposable
{
    public FeedFixture(SchemaVariant variant = SchemaVariant.Sequoia)
    {
        ChatDbPath = Dir.File("Messages/chat.db");
        ChatDb = FakeChatDatabase.Create(ChatDbPath, variant);
        Journal = new JournalStore(Dir.File("state/journal.db"), new JournalOptions(), Time, NullLogger<JournalStore>.Instance);
    }

    public TempDirectory Dir { get; } = new();
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public ListLogger Log { get; } = new();
    public string ChatDbPath { get; }
    public FakeChatDatabase ChatDb { get; set; }
    public JournalStore Journal { get; }

    /// <summary>Defaults for tests: no join wait, update scan on every pass.</summary>
    public ChangeFeedOptions Options { get; } = new() { JoinWait = TimeSpan.Zero, UpdateScanInterval = TimeSpan.Zero };

    internal ChangeFeedEngine NewEngine() => new(new ChatDbSource(ChatDbPath), Journal, Options, Time, Log);

    public IReadOnlyList<JournalEvent> Events() => Journal.ReadAfter(0, 100_000);

    public IReadOnlyList<JournalEvent> Events(string type) => Events().Where(e => e.Type == type).ToList();

    public void Dispose()
    {
        Journal.Dispose();
        ChatDb.Dispose();
        Dir.Dispose();
    }
}
