using LineAgent.Agent.Journal;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Logging;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// In-place updates (receipts, errors, edits, unsends, attachment transfers written into existing rows), found by
/// comparing the mutable columns of the newest <see cref="ChangeFeedOptions.UpdateWindowRows"/> rows with their
/// fingerprints. The fingerprints are journaled with the position, so a restart neither misses a change made while
/// the agent was down nor reports an old one again; this class keeps the journaled set in memory.
/// </summary>
internal sealed class UpdateWindow(ChangeFeedOptions options, ILogger logger)
{
    private Dictionary<long, string>? _fingerprints;

    /// <summary>False until <see cref="Load"/> ran.</summary>
    public bool Loaded => _fingerprints is not null;

    /// <summary>Reads the journaled fingerprints (once per engine).</summary>
    public void Load(JournalStore journal) =>
        _fingerprints = new Dictionary<long, string>(journal.ReadSourceState(FeedPosition.Source));

    /// <summary>
    /// Compares the newest <see cref="ChangeFeedOptions.UpdateHotRows"/> rows, or with <paramref name="full"/> the
    /// whole window (and trims the journaled fingerprints to it), adding state events for rows that changed.
    /// </summary>
    public void Collect(FeedPass pass, ChatDatabase db, bool full)
    {
        var state = _fingerprints!;
        var watermark = pass.Position.Watermark;
        var rows = full ? options.UpdateWindowRows : Math.Min(options.UpdateHotRows, options.UpdateWindowRows);
        var low = Math.Max(0, watermark - rows);
        foreach (var fp in db.Fingerprints(low, watermark, rows))
        {
            if (pass.Upserts.ContainsKey(fp.RowId))
                continue; // inserted in this pass
            if (!state.TryGetValue(fp.RowId, out var previous) || pass.ClearState)
            {
                pass.Upserts[fp.RowId] = fp.Value; // newly in the window: baseline, nothing to report
                continue;
            }
            if (previous == fp.Value)
                continue;
            try
            {
                if (db.GetMessage(fp.Guid) is { } record)
                    pass.Events.AddRange(EventMapper.StateEvents(record));
            }
            catch (Exception ex) when (ex is not (ChatDbOpenException or OutOfMemoryException))
            {
                ChangeFeedLog.RowSkipped(logger, fp.RowId, ex);
            }
            pass.Upserts[fp.RowId] = fp.Value;
        }
        if (full)
            pass.RemoveBelow = low + 1;
    }

    /// <summary>Fingerprints of the whole window below <paramref name="watermark"/>: the baseline nothing is reported against.</summary>
    public static void Baseline(FeedPass pass, ChatDatabase db, long watermark, ChangeFeedOptions options)
    {
        var low = Math.Max(0, watermark - options.UpdateWindowRows);
        foreach (var fp in db.Fingerprints(low, watermark, options.UpdateWindowRows))
            pass.Upserts[fp.RowId] = fp.Value;
    }

    /// <summary>The journal committed <paramref name="pass"/>: apply its fingerprint changes here too.</summary>
    public void Apply(FeedPass pass)
    {
        var state = _fingerprints!;
        if (pass.ClearState)
            state.Clear();
        foreach (var (key, value) in pass.Upserts)
            state[key] = value;
        if (pass.RemoveBelow is long below)
        {
            foreach (var key in state.Keys.Where(k => k < below).ToList())
                state.Remove(key);
        }
    }
}
