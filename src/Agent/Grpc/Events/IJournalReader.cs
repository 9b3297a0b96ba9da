using LineAgent.Agent.Journal;

namespace LineAgent.Agent.Grpc.Events;

/// <summary>The part of the journal StreamEvents reads (the default is <see cref="JournalStoreReader"/>).</summary>
public interface IJournalReader
{
    /// <summary>Highest cursor ever assigned (0 for a new journal).</summary>
    long LastCursor { get; }

    /// <summary>Smallest cursor still held, or <see cref="LastCursor"/> + 1 when empty.</summary>
    long OldestCursor { get; }

    /// <summary>Highest cursor pruning has ever deleted (0 = none): resuming below it may miss events.</summary>
    long PrunedThrough { get; }

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="afterCursor"/>, oldest first.</summary>
    IReadOnlyList<JournalEvent> ReadAfter(long afterCursor, int limit, IReadOnlySet<string>? types);

    /// <summary><see cref="JournalStore.ReadEncodedAfter"/>: the page as stored for a reader of <paramref name="encoding"/>.</summary>
    IReadOnlyList<EncodedJournalEvent> ReadEncodedAfter(long afterCursor, int limit, IReadOnlySet<string>? types, IJournalEventEncoder encoding, int maxEncodedBytes);

    /// <summary>Completes once the journal holds a cursor greater than <paramref name="afterCursor"/>.</summary>
    Task WaitForAppendAsync(long afterCursor, CancellationToken cancellationToken);
}

/// <summary><see cref="IJournalReader"/> over the agent's <see cref="JournalStore"/>.</summary>
public sealed class JournalStoreReader(JournalStore store) : IJournalReader
{
    public long LastCursor => store.LastCursor;
    public long OldestCursor => store.OldestCursor;
    public long PrunedThrough => store.PrunedThrough;
    public IReadOnlyList<JournalEvent> ReadAfter(long afterCursor, int limit, IReadOnlySet<string>? types) => store.ReadAfter(afterCursor, limit, types);
    public IReadOnlyList<EncodedJournalEvent> ReadEncodedAfter(long afterCursor, int limit, IReadOnlySet<string>? types, IJournalEventEncoder encoding, int maxEncodedBytes) =>
        store.ReadEncodedAfter(afterCursor, limit, types, encoding, maxEncodedBytes);
    public Task WaitForAppendAsync(long afterCursor, CancellationToken cancellationToken) => store.WaitForAppendAsync(afterCursor, cancellationToken);
}
