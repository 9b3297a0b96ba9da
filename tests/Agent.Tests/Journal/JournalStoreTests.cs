using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LineAgent.Agent.Tests.Journal;

public sealed class JournalStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private JournalStore Open(JournalOptions? options = null) =>
        new(_dir.File("journal.db"), options ?? new JournalOptions(), _time, NullLogger<JournalStore>.Instance);

    private static NewJournalEvent Event(string id, string type = JournalEventTypes.MessageReceived) =>
        new(id, type, new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero), "iMessage;-;+15550001", "G-" + id, $$"""{"n":"{{id}}"}""");

    [Fact]
    public void Append_AssignsIncreasingCursors_AndReadAfterReturnsEventsInOrder()
    {
        using var store = Open();
        var result = store.Append([Event("a"), Event("b"), Event("c")]);

        Assert.Equal([1L, 2L, 3L], result.Appended.Select(e => e.Cursor));
        var read = store.ReadAfter(1, 10);
        Assert.Equal(["b", "c"], read.Select(e => e.Id));
        Assert.Equal("iMessage;-;+15550001", read[0].ChatGuid);
        Assert.Equal("G-b", read[0].MessageGuid);
        Assert.Equal("""{"n":"b"}""", read[0].DataJson);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.Zero), read[0].OccurredAt);
        Assert.Equal(3, store.LastCursor);
    }

    [Fact]
    public void Append_ExistingOrRepeatedId_IsStoredOnce()
    {
        using var store = Open();
        store.Append([Event("a")]);

        var result = store.Append([Event("a"), Event("b"), Event("b")]);

        Assert.Equal(["b"], result.Appended.Select(e => e.Id));
        Assert.Equal(2, result.Duplicates);
        Assert.Equal(2, store.Count());
    }

    [Fact]
    public void Append_WithCursor_CommitsPositionAndStateWithTheEvents()
    {
        using (var store = Open())
        {
            store.Append([Event("a")], new JournalCursorUpdate("chatdb", "pos-1")
            {
                StateUpserts = new Dictionary<long, string> { [10] = "x", [11] = "y", [12] = "z" },
            });
            store.Append([], new JournalCursorUpdate("chatdb", "pos-2")
            {
                StateUpserts = new Dictionary<long, string> { [12] = "z2" },
                RemoveStateBelow = 11,
            });
        }

        using var reopened = Open();
        Assert.Equal("pos-2", reopened.ReadCursor("chatdb"));
        Assert.Equal(new Dictionary<long, string> { [11] = "y", [12] = "z2" }, reopened.ReadSourceState("chatdb"));
        Assert.Null(reopened.ReadCursor("other"));
        Assert.Equal(1, reopened.LastCursor);
    }

    [Fact]
    public void Append_ClearState_ReplacesTheSourcesState()
    {
        using var store = Open();
        store.Append([], new JournalCursorUpdate("chatdb", "p") { StateUpserts = new Dictionary<long, string> { [1] = "a" } });
        store.Append([], new JournalCursorUpdate("chatdb", "q") { ClearState = true, StateUpserts = new Dictionary<long, string> { [2] = "b" } });

        Assert.Equal(new Dictionary<long, string> { [2] = "b" }, store.ReadSourceState("chatdb"));
    }

    [Fact]
    public void Append_CallbackThrows_WritesNothing()
    {
        using var store = Open();
        store.Append([Event("a")], new JournalCursorUpdate("chatdb", "before"));

        Assert.Throws<InvalidOperationException>(() =>
            store.Append([Event("b")], new JournalCursorUpdate("chatdb", "after"), _ => throw new InvalidOperationException("boom")));

        Assert.Equal(["a"], store.ReadAfter(0, 10).Select(e => e.Id));
        Assert.Equal("before", store.ReadCursor("chatdb"));
        // The store stays usable after the rolled-back transaction.
        Assert.Single(store.Append([Event("b")]).Appended);
    }

    [Fact]
    public void Append_CallbackRunsInTheSameTransaction()
    {
        using var store = Open();
        using (var setup = store.OpenConnection())
        using (var cmd = setup.CreateCommand())
        {
            cmd.CommandText = "CREATE TABLE outbox_test (id TEXT PRIMARY KEY)";
            cmd.ExecuteNonQuery();
        }

        store.Append([Event("sent")], alsoInTransaction: tx =>
        {
            using var cmd = tx.Connection!.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO outbox_test (id) VALUES ('o1')";
            cmd.ExecuteNonQuery();
        });

        using var check = store.OpenConnection();
        using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM outbox_test";
        Assert.Equal(1L, count.ExecuteScalar());
    }

    [Fact]
    public void ReadAfter_TypeFilter_ReturnsOnlyThoseTypes()
    {
        using var store = Open();
        store.Append([
            Event("a", JournalEventTypes.MessageReceived),
            Event("b", JournalEventTypes.MessageDelivered),
            Event("c", JournalEventTypes.ChatRead),
            Event("d", JournalEventTypes.MessageDelivered),
        ]);

        var read = store.ReadAfter(0, 10, new HashSet<string> { JournalEventTypes.MessageDelivered, JournalEventTypes.ChatRead });

        Assert.Equal(["b", "c", "d"], read.Select(e => e.Id));
        Assert.Equal(["b"], store.ReadAfter(0, 1, new HashSet<string> { JournalEventTypes.MessageDelivered }).Select(e => e.Id));
    }

    [Fact]
    public async Task WaitForAppendAsync_CompletesWhenAnEventIsAppended()
    {
        using var store = Open();
        store.Append([Event("a")]);

        Assert.True(store.WaitForAppendAsync(0, CancellationToken.None).IsCompletedSuccessfully);
        var waiting = store.WaitForAppendAsync(1, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        store.Append([Event("a")]); // a duplicate appends nothing
        Assert.False(waiting.IsCompleted);

        store.Append([Event("b")]);
        await waiting.WaitAsync(Eventually.DefaultTimeout);
    }

    [Fact]
    public async Task WaitForAppendAsync_Cancelled_Throws()
    {
        using var store = Open();
        using var cts = new CancellationTokenSource();
        var waiting = store.WaitForAppendAsync(0, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task WaitForAppendAsync_SeesAppendsFromAnotherStoreOnTheSameFile()
    {
        var options = new JournalOptions { ExternalAppendPollInterval = TimeSpan.FromMilliseconds(20) };
        using var reader = new JournalStore(_dir.File("journal.db"), options, TimeProvider.System, NullLogger<JournalStore>.Instance);
        using var writer = new JournalStore(_dir.File("journal.db"), options, TimeProvider.System, NullLogger<JournalStore>.Instance);
        var waiting = reader.WaitForAppendAsync(0, CancellationToken.None);

        writer.Append([Event("a")]);

        await waiting.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(["a"], reader.ReadAfter(0, 10).Select(e => e.Id));
    }

    [Fact]
    public void Prune_ByCount_KeepsTheNewest_AndCursorsNeverGoBackwards()
    {
        using var store = Open();
        store.Append(Enumerable.Range(0, 2_500).Select(i => Event("e" + i)).ToList());

        var deleted = store.Prune(_time.GetUtcNow() - TimeSpan.FromDays(1), keepNewest: 1_000, batchSize: 700);

        Assert.Equal(1_500, deleted);
        Assert.Equal(1_000, store.Count());
        Assert.Equal(1_501, store.OldestCursor);
        Assert.Equal(2_500, store.LastCursor);

        store.Prune(_time.GetUtcNow() + TimeSpan.FromDays(1), keepNewest: 1_000, batchSize: 700); // everything is old now
        Assert.Equal(0, store.Count());
        Assert.Equal(2_500, store.LastCursor);
        Assert.Equal(2_501, store.OldestCursor);
        Assert.Equal(2_501, store.Append([Event("new")]).Appended[0].Cursor);
    }

    [Fact]
    public void Pruner_ByAge_DeletesEventsAppendedBeforeMaxAge()
    {
        var options = new JournalOptions { MaxAge = TimeSpan.FromDays(7), MaxEvents = 1_000 };
        using var store = Open(options);
        store.Append([Event("old1"), Event("old2")]);
        _time.Advance(TimeSpan.FromDays(6));
        store.Append([Event("recent")]);
        _time.Advance(TimeSpan.FromDays(2));

        var pruner = new JournalPruner(store, Microsoft.Extensions.Options.Options.Create(options), _time, NullLogger<JournalPruner>.Instance);
        Assert.Equal(2, pruner.PruneOnce());

        Assert.Equal(["recent"], store.ReadAfter(0, 10).Select(e => e.Id));
    }

    [Fact]
    public async Task Pruner_RunsEveryInterval()
    {
        var options = new JournalOptions { MaxAge = TimeSpan.FromHours(1), PruneInterval = TimeSpan.FromMinutes(10) };
        using var store = Open(options);
        store.Append([Event("a")]);
        using var pruner = new JournalPruner(store, Microsoft.Extensions.Options.Options.Create(options), _time, NullLogger<JournalPruner>.Instance);
        await pruner.StartAsync(CancellationToken.None);

        // ExecuteAsync creates its timer in the background, so keep advancing fake time until a tick has pruned
        // the event (it expires after an hour = six intervals).
        await Eventually.UntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromMinutes(10));
            return store.Count() == 0;
        }, "the pruner deletes the expired event");
        Assert.True(_time.GetUtcNow() - new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero) >= TimeSpan.FromHours(1));
        await pruner.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Constructor_InMemoryPath_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new JournalStore(":memory:", new JournalOptions(), _time, NullLogger<JournalStore>.Instance));
        Assert.Contains("file", ex.Message);
    }

    [Fact]
    public void Constructor_CreatesTheDirectory_AndUsesWal()
    {
        var path = Path.Combine(_dir.Path, "nested", "state", "journal.db");
        using var store = new JournalStore(path, new JournalOptions(), _time, NullLogger<JournalStore>.Instance);
        using var connection = store.OpenConnection();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void Constructor_NewerSchemaVersion_IsRefusedWithAnExplanation()
    {
        using (var store = Open()) { }
        using (var connection = new SqliteConnection($"Data Source={_dir.File("journal.db")}"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "UPDATE journal_meta SET value = '99' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }

        var ex = Assert.Throws<InvalidOperationException>(() => Open());
        Assert.Contains("schema version 99", ex.Message);
    }

    [Fact]
    public void Prune_RecordsThePrunedThroughMark_InTheSameFileAndPastGaps()
    {
        using (var store = Open())
        {
            Assert.Equal(0, store.PrunedThrough);
            store.Append([Event("a"), Event("b")]);
            store.Append([Event("a")]); // a skipped duplicate consumes cursor 3
            store.Append([Event("c"), Event("d")]);
            store.Prune(DateTimeOffset.MinValue, keepNewest: 1, batchSize: 1); // deletes 1, 2, 4 in three transactions
            Assert.Equal(4, store.PrunedThrough);
            Assert.Equal(5, store.OldestCursor);
            store.Prune(DateTimeOffset.MinValue, keepNewest: 1, batchSize: 1); // nothing more: the mark stays
            Assert.Equal(4, store.PrunedThrough);
        }

        using var reopened = Open();
        Assert.Equal(4, reopened.PrunedThrough);
    }

    [Fact]
    public void Open_VersionOneFileWithoutMark_TakesEverythingBelowTheOldestEventAsPruned()
    {
        using (var store = Open())
        {
            store.Append([Event("a"), Event("b"), Event("c")]);
        }
        using (var connection = new SqliteConnection($"Data Source={_dir.File("journal.db")};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            // As a version 1 agent left it after pruning cursor 1: no mark.
            cmd.CommandText = """
                DELETE FROM journal_event WHERE cursor = 1;
                DELETE FROM journal_meta WHERE key = 'pruned_through';
                UPDATE journal_meta SET value = '1' WHERE key = 'schema_version';
                """;
            cmd.ExecuteNonQuery();
        }

        using var migrated = Open();
        Assert.Equal(1, migrated.PrunedThrough);
    }

    [Fact]
    public void Open_JournalAndItsWalAndShm_AreOwnerOnly_NewOrLeftOpenByAnOlderVersion()
    {
        if (OperatingSystem.IsWindows())
            return;
        const UnixFileMode groupAndOther = (UnixFileMode)0b000_111_111;
        var directory = _dir.File("fresh-state");
        var path = Path.Combine(directory, "journal.db");
        using (var store = new JournalStore(path, new JournalOptions(), _time, NullLogger<JournalStore>.Instance))
        {
            store.Append([Event("a")]);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                Assert.True((File.GetUnixFileMode(file) & groupAndOther) == 0, $"{file} is {File.GetUnixFileMode(file)}");
            Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(directory));
        }

        // As an older agent left them: world-readable.
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        using (var reopened = new JournalStore(path, new JournalOptions(), _time, NullLogger<JournalStore>.Instance))
        {
            reopened.Append([Event("b")]);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                Assert.True((File.GetUnixFileMode(file) & groupAndOther) == 0, $"{file} is {File.GetUnixFileMode(file)}");
        }
    }
}
