using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Journal;

/// <summary>The event journal (section "Journal"). The file is journal.db in <c>Agent:StateDirectory</c>.</summary>
public sealed class JournalOptions
{
    public const string Section = "Journal";

    /// <summary>
    /// Explicit path of the journal database. Default: null, meaning journal.db in the agent's state directory.
    /// In-memory databases are refused: the journal exists to survive restarts.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>Events older than this are pruned. Default: 30 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many events are kept; the oldest go first. Default: 1,000,000.</summary>
    [Range(1_000, int.MaxValue)]
    public int MaxEvents { get; set; } = 1_000_000;

    /// <summary>How often the pruner runs. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Rows deleted per pruning transaction, so a large prune never blocks appends for long. Default: 5,000.
    /// </summary>
    [Range(100, 1_000_000)]
    public int PruneBatchSize { get; set; } = 5_000;

    /// <summary>
    /// fsync every commit (SQLite synchronous=FULL) instead of at checkpoints (NORMAL). Default: false.
    /// NORMAL in WAL mode already survives a killed process; FULL also survives power loss at the cost of one
    /// fsync per append. Losing the last commits to a power cut loses no chat.db event: the cursor rolls back
    /// with them, and the feed derives the same events (same ids) again.
    /// </summary>
    public bool SyncEveryCommit { get; set; }

    /// <summary>
    /// How often <see cref="JournalStore.WaitForAppendAsync"/> re-reads the journal for appends made by another
    /// process (appends in this process wake waiters at once). Default: 1 second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ExternalAppendPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
