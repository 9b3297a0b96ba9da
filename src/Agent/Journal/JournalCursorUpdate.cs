namespace LineAgent.Agent.Journal;

/// <summary>
/// A source's new position, committed in the same transaction as the events it produced: after a crash either
/// both are there or neither is, so the source resumes exactly where its last durable events end.
/// </summary>
/// <param name="Source">Name of the source, e.g. "chatdb".</param>
/// <param name="Position">The source's position, opaque to the journal (the change feed stores JSON).</param>
public sealed record JournalCursorUpdate(string Source, string Position)
{
    /// <summary>Per-item state to insert or replace (key → value), e.g. fingerprints of chat.db rows by ROWID.</summary>
    public IReadOnlyDictionary<long, string>? StateUpserts { get; init; }

    /// <summary>Delete the source's state items with a key below this (a window sliding forward). Default: none.</summary>
    public long? RemoveStateBelow { get; init; }

    /// <summary>Delete all of the source's state items first (a resynchronisation). Default: false.</summary>
    public bool ClearState { get; init; }
}

/// <summary>What one <see cref="JournalStore.Append"/> did.</summary>
/// <param name="Appended">The events stored, with their cursors, in append order.</param>
/// <param name="Duplicates">How many events were skipped because the journal already held their id.</param>
public sealed record JournalAppendResult(IReadOnlyList<JournalEvent> Appended, int Duplicates);
