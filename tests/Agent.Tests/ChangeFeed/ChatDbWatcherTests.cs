using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace LineAgent.Agent.Tests.ChangeFeed;

public sealed class ChatDbWatcherTests : IDisposable
{
    // Long enough that a "true" can only come from a file event, never from the poll timing out.
    private static readonly TimeSpan NoPoll = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WaitAsync_WalDeletedAndRecreated_StillReportsWrites()
    {
        var db = _dir.File("chat.db");
        File.WriteAllText(db, "");
        File.WriteAllText(db + "-wal", "first");
        using var watcher = new ChatDbWatcher(db, TimeProvider.System, NullLogger.Instance);
        Assert.True(watcher.Arm());

        File.Delete(db + "-wal");
        Assert.True(await watcher.WaitAsync(NoPoll, TimeSpan.Zero, CancellationToken.None).WaitAsync(Eventually.DefaultTimeout));
        await Task.Delay(50);
        _ = await watcher.WaitAsync(TimeSpan.FromMilliseconds(1), TimeSpan.Zero, CancellationToken.None); // drain

        var waiting = watcher.WaitAsync(NoPoll, TimeSpan.Zero, CancellationToken.None);
        await File.WriteAllTextAsync(db + "-wal", "recreated");

        Assert.True(await waiting.WaitAsync(Eventually.DefaultTimeout));
    }

    [Fact]
    public async Task WaitAsync_OtherFilesInTheDirectory_AreIgnored()
    {
        var db = _dir.File("chat.db");
        File.WriteAllText(db, "");
        using var watcher = new ChatDbWatcher(db, TimeProvider.System, NullLogger.Instance);
        watcher.Arm();

        var waiting = watcher.WaitAsync(TimeSpan.FromMilliseconds(300), TimeSpan.Zero, CancellationToken.None);
        await File.WriteAllTextAsync(_dir.File("other.db-wal"), "noise");

        Assert.False(await waiting.WaitAsync(Eventually.DefaultTimeout)); // the poll interval elapsed, no event
    }

    [Fact]
    public async Task ChatDbRenamedOver_IsReportedAsReplaced()
    {
        var db = _dir.File("chat.db");
        File.WriteAllText(db, "old");
        using var watcher = new ChatDbWatcher(db, TimeProvider.System, NullLogger.Instance);
        watcher.Arm();

        var waiting = watcher.WaitAsync(NoPoll, TimeSpan.Zero, CancellationToken.None);
        File.WriteAllText(_dir.File("chat.db.new"), "new");
        File.Move(_dir.File("chat.db.new"), db, overwrite: true);

        Assert.True(await waiting.WaitAsync(Eventually.DefaultTimeout));
        await Eventually.UntilAsync(watcher.ConsumeReplaced, "the replacement is flagged");
    }

    [Fact]
    public void Arm_MissingDirectory_ReturnsFalse_ThenArmsWhenItAppears()
    {
        var db = Path.Combine(_dir.Path, "Messages", "chat.db");
        using var watcher = new ChatDbWatcher(db, TimeProvider.System, NullLogger.Instance);
        Assert.False(watcher.Arm());
        Assert.False(watcher.IsArmed);

        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        Assert.True(watcher.Arm());
        Assert.True(watcher.IsArmed);
    }
}
