using LineAgent.Agent.Journal;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// What one pass read from chat.db and will journal in one transaction: events, the new position and the changes to
/// the journaled fingerprints. Nothing here is applied to the engine's memory until the append committed.
/// </summary>
internal sealed class FeedPass
{
    public List<NewJournalEvent> Events { get; } = [];

    /// <summary>Fingerprints to journal, by ROWID.</summary>
    public Dictionary<long, string> Upserts { get; } = [];

    public required FeedPosition Position { get; set; }

    /// <summary>Fingerprints below this ROWID leave the journal (the window moved on).</summary>
    public long? RemoveBelow { get; set; }

    /// <summary>All journaled fingerprints are replaced by <see cref="Upserts"/> (a baseline).</summary>
    public bool ClearState { get; set; }

    /// <summary>The cursor update to append with <see cref="Events"/>; null when the pass changed nothing.</summary>
    public JournalCursorUpdate? Cursor { get; set; }

    /// <summary>A full batch was read: run again at once.</summary>
    public bool MoreWork { get; set; }

    public TimeSpan? WakeAfter { get; set; }

    /// <summary>chat.db's PRAGMA data_version when the pass started.</summary>
    public long? DataVersion { get; set; }

    /// <summary>The update window was compared in this pass.</summary>
    public bool Scanned { get; set; }

    /// <summary>True when the pass has anything to journal, compared with the position the journal holds.</summary>
    public bool HasChanges(FeedPosition? journaled) =>
        Events.Count > 0 || Upserts.Count > 0 || ClearState || Position != journaled || RemoveBelow is not null;

    /// <summary>Sets <see cref="Cursor"/> from the position and fingerprint changes.</summary>
    public void BuildCursor() =>
        Cursor = new JournalCursorUpdate(FeedPosition.Source, Position.ToJson())
        {
            StateUpserts = Upserts,
            RemoveStateBelow = RemoveBelow,
            ClearState = ClearState,
        };
}
