using LineAgent.Agent.Journal;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Time;
using Microsoft.Extensions.Logging;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// In-place updates (receipts, errors, edits, unsends, attachment transfers written into existing rows), found by
/// comparing the mutable columns of watched rows with their fingerprints: the newest
/// <see cref="ChangeFeedOptions.UpdateWindowRows"/> rows and every row from the oldest one dated within
/// <see cref="ChangeFeedOptions.UpdateWindowAge"/> (see there for the guarantee). The fingerprints are journaled
/// with the position, so a restart neither misses a change made while the agent was down nor reports an old one
/// again; this class keeps the journaled set in memory.
/// </summary>
internal sealed class UpdateWindow(ChangeFeedOptions options, ILogger logger)
{
    private const int BaselineChunk = 50_000;
    private Dictionary<long, string>? _fingerprints;
    // Upper bound (inclusive ROWID) of the next slice of older rows to compare; 0 = start again below the newest rows.
    private long _sweep;

    /// <summary>False until <see cref="Load"/> ran.</summary>
    public bool Loaded => _fingerprints is not null;

    /// <summary>Reads the journaled fingerprints (once per engine).</summary>
    public void Load(JournalStore journal) =>
        _fingerprints = new Dictionary<long, string>(journal.ReadSourceState(FeedPosition.Source));

    /// <summary>
    /// Compares the newest <see cref="ChangeFeedOptions.UpdateHotRows"/> rows, or with <paramref name="full"/> the
    /// newest <see cref="ChangeFeedOptions.UpdateWindowRows"/> plus the next slice of older watched rows (and trims
    /// the journaled fingerprints to the window), adding state events for rows that changed.
    /// </summary>
    public void Collect(FeedPass pass, ChatDatabase db, bool full, DateTimeOffset now)
    {
        var watermark = pass.Position.Watermark;
        if (!full)
        {
            var hot = Math.Min(options.UpdateHotRows, options.UpdateWindowRows);
            Compare(pass, db, Math.Max(0, watermark - hot), watermark, hot);
            return;
        }
        var rows = options.UpdateWindowRows;
        var newestLow = Math.Max(0, watermark - rows);
        Compare(pass, db, newestLow, watermark, rows);
        var low = Math.Min(newestLow, AgeLow(db, watermark, now));
        if (low < newestLow)
        {
            if (_sweep <= low || _sweep > newestLow)
                _sweep = newestLow;
            var sliceLow = Math.Max(low, _sweep - rows);
            Compare(pass, db, sliceLow, _sweep, rows);
            _sweep = sliceLow;
        }
        pass.RemoveBelow = low + 1;
    }

    /// <summary>Fingerprints of every watched row up to <paramref name="watermark"/>: the baseline nothing is reported against.</summary>
    public static void Baseline(FeedPass pass, ChatDatabase db, long watermark, DateTimeOffset now, ChangeFeedOptions options)
    {
        var after = Math.Min(Math.Max(0, watermark - options.UpdateWindowRows), AgeLow(db, watermark, now, options));
        while (after < watermark)
        {
            var chunk = db.Fingerprints(after, watermark, BaselineChunk);
            foreach (var fp in chunk)
                pass.Upserts[fp.RowId] = fp.Value;
            if (chunk.Count < BaselineChunk)
                break;
            after = chunk[^1].RowId;
        }
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

    private void Compare(FeedPass pass, ChatDatabase db, long afterRowId, long toRowId, int limit)
    {
        var state = _fingerprints!;
        foreach (var fp in db.Fingerprints(afterRowId, toRowId, limit))
        {
            if (pass.Upserts.ContainsKey(fp.RowId))
                continue; // inserted (or compared) in this pass
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
    }

    private long AgeLow(ChatDatabase db, long watermark, DateTimeOffset now) => AgeLow(db, watermark, now, options);

    /// <summary>
    /// ROWID just below the oldest row dated within <see cref="ChangeFeedOptions.UpdateWindowAge"/> (message.date is
    /// indexed); <paramref name="watermark"/> when no row is that recent or the age is zero.
    /// </summary>
    private static long AgeLow(ChatDatabase db, long watermark, DateTimeOffset now, ChangeFeedOptions options)
    {
        if (options.UpdateWindowAge <= TimeSpan.Zero)
            return watermark;
        var first = db.FirstRowAtOrAfter(AppleTime.FromDateTimeOffset(now - options.UpdateWindowAge));
        return first is long rowId ? Math.Min(watermark, rowId - 1) : watermark;
    }
}
