using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LineAgent.Agent.Tests.ChangeFeed;

/// <summary>The worker with real time and real file events, wired through AddJournal/AddChangeFeed.</summary>
public sealed class ChangeFeedWorkerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private FakeChatDatabase _chatDb;
    private readonly string _chatDbPath;

    public ChangeFeedWorkerTests()
    {
        _chatDbPath = _dir.File("Messages/chat.db");
        _chatDb = FakeChatDatabase.Create(_chatDbPath, SchemaVariant.Sequoia);
    }

    public void Dispose()
    {
        _chatDb.Dispose();
        _dir.Dispose();
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Agent:ChatDbPath"] = _chatDbPath;
        settings["Agent:StateDirectory"] = _dir.File("state");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAgentOptions(configuration);
        services.AddJournal(configuration);
        services.AddChangeFeed(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<IHostedService> StartFeed(ServiceProvider provider)
    {
        var feed = provider.GetServices<IHostedService>().OfType<ChangeFeedWorker>().Single();
        await feed.StartAsync(CancellationToken.None);
        // The first pass records the starting position; wait for it so later writes count as new.
        var journal = provider.GetRequiredService<JournalStore>();
        await Eventually.UntilAsync(() => journal.ReadCursor("chatdb") is not null, "the feed records its first position");
        return feed;
    }

    [Fact]
    public async Task FileEvents_DeliverANewMessageWithoutWaitingForThePoll()
    {
        await using var provider = Build(new() { ["ChangeFeed:PollInterval"] = "00:00:30" });
        var journal = provider.GetRequiredService<JournalStore>();
        var feed = await StartFeed(provider);
        var chat = _chatDb.EnsureDirectChat("+15550001");

        var m = _chatDb.ReceiveText(chat, "+15550001", "ping");

        await Eventually.UntilAsync(() => journal.Find($"{m.Guid}:received") is not null, "the message is journaled through a file event",
            TimeSpan.FromSeconds(15));
        await feed.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LostFileEvents_ThePollStillFindsTheChange()
    {
        await using var provider = Build(new() { ["ChangeFeed:WatchFiles"] = "false", ["ChangeFeed:PollInterval"] = "00:00:00.100" });
        var journal = provider.GetRequiredService<JournalStore>();
        var feed = await StartFeed(provider);
        var chat = _chatDb.EnsureDirectChat("+15550001");

        var m = _chatDb.SendText(chat, "nobody told the watcher");
        _chatDb.MarkDelivered(m);

        await Eventually.UntilAsync(() => journal.Find($"{m.Guid}:delivered") is not null, "the poll finds the delivery");
        await feed.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WalTruncatedAndWriterReconnected_ChangesAreStillSeen()
    {
        await using var provider = Build(new() { ["ChangeFeed:PollInterval"] = "00:00:30" });
        var journal = provider.GetRequiredService<JournalStore>();
        var feed = await StartFeed(provider);
        var chat = _chatDb.EnsureDirectChat("+15550001");
        var before = _chatDb.ReceiveText(chat, "+15550001", "before");
        await Eventually.UntilAsync(() => journal.Find($"{before.Guid}:received") is not null, "first message", TimeSpan.FromSeconds(15));

        _chatDb.Checkpoint();       // WAL folded back and truncated to zero bytes
        _chatDb.Dispose();          // Messages quits …
        _chatDb = FakeChatDatabase.Open(_chatDbPath); // … and comes back
        var after = _chatDb.ReceiveText(chat, "+15550001", "after");

        await Eventually.UntilAsync(() => journal.Find($"{after.Guid}:received") is not null, "the message after the WAL reset",
            TimeSpan.FromSeconds(15));
        await feed.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ChatDbMissingAtStart_FeedWaitsAndStartsWhenItAppears()
    {
        _chatDb.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_chatDbPath + suffix);
        await using var provider = Build(new() { ["ChangeFeed:PollInterval"] = "00:00:00.100" });
        var journal = provider.GetRequiredService<JournalStore>();
        var feed = provider.GetServices<IHostedService>().OfType<ChangeFeedWorker>().Single();
        await feed.StartAsync(CancellationToken.None);

        _chatDb = FakeChatDatabase.Create(_chatDbPath, SchemaVariant.Sonoma);
        await Eventually.UntilAsync(() => journal.ReadCursor("chatdb") is not null, "the feed starts once chat.db exists");
        var chat = _chatDb.EnsureDirectChat("+15550001");
        var m = _chatDb.ReceiveText(chat, "+15550001", "hello");

        await Eventually.UntilAsync(() => journal.Find($"{m.Guid}:received") is not null, "the first message");
        await feed.StopAsync(CancellationToken.None);
    }
}
