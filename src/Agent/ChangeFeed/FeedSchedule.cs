namespace LineAgent.Agent.ChangeFeed;

/// <summary>What <see cref="FeedSchedule.Decide"/> found at the start of a pass.</summary>
/// <param name="Read">Something may have changed: read inserts (and maybe compare the window).</param>
/// <param name="Changed">data_version moved, or the last pass read a full batch.</param>
/// <param name="ScanDue">The hot part of the update window is due for comparison.</param>
/// <param name="FullDue">A full-window comparison is owed and due.</param>
internal readonly record struct FeedDecision(bool Read, bool Changed, bool ScanDue, bool FullDue);

/// <summary>
/// When the change feed reads and when it compares the update window: pure bookkeeping over timestamps, so it can be
/// stepped with a fake clock. New rows always come first; a window comparison is put off while inserts keep
/// arriving, but never for more than four <see cref="ChangeFeedOptions.UpdateScanInterval"/>s, and a change seen only
/// by a hot comparison is followed by a full one within <see cref="ChangeFeedOptions.FullScanInterval"/>.
/// </summary>
internal sealed class FeedSchedule(ChangeFeedOptions options)
{
    private long? _lastDataVersion;
    private DateTimeOffset _lastUpdateScan = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFullScan = DateTimeOffset.MinValue;
    private bool _fullScanOwed;
    private DateTimeOffset _scanOwedSince;
    private bool _updateScanOwed;
    private bool _moreWork;

    /// <summary>The last committed pass read a full batch.</summary>
    public bool MoreWork => _moreWork;

    /// <summary>A comparison of the update window is owed (changes were seen but not yet compared).</summary>
    public bool UpdateScanOwed => _updateScanOwed;

    /// <summary>A new connection: its first data_version is not comparable with the old one's.</summary>
    public void SessionOpened() => _lastDataVersion = null;

    /// <summary>Whether this pass reads at all, and which comparisons are due.</summary>
    /// <param name="heldExpired">A row held for its chat join has waited out <see cref="ChangeFeedOptions.JoinWait"/>.</param>
    public FeedDecision Decide(DateTimeOffset now, bool force, long dataVersion, bool heldExpired)
    {
        // A full batch last time means rows are waiting even though no new commit changed data_version.
        var changed = dataVersion != _lastDataVersion || _moreWork;
        // While a backlog of new rows is being read (a burst), the update scan waits: it is owed and runs once caught up.
        var scanDue = (force || changed || _updateScanOwed) && !_moreWork && now - _lastUpdateScan >= options.UpdateScanInterval;
        var fullDue = _fullScanOwed && !_moreWork && now - _lastFullScan >= options.FullScanInterval;
        var read = changed || force || heldExpired || scanDue || fullDue;
        return new FeedDecision(read, changed, scanDue, fullDue);
    }

    /// <summary>
    /// After inserts were collected: null when the window is not compared in this pass (then it is owed), else
    /// whether the comparison covers the whole window (true) or only the hot rows.
    /// </summary>
    public bool? Compare(DateTimeOffset now, bool force, FeedDecision decision, int newEvents)
    {
        // New rows are journaled first and the comparison runs in the next pass, so a window scan never delays a
        // new message; unless scans keep being put off by a steady stream of inserts.
        var deferred = newEvents > 0 && (!_updateScanOwed || now - _scanOwedSince < 4 * options.UpdateScanInterval);
        if ((decision.ScanDue || decision.FullDue || (force && !_moreWork)) && !deferred)
        {
            var full = force || now - _lastFullScan >= options.FullScanInterval;
            _lastUpdateScan = now;
            if (full)
                _lastFullScan = now;
            // A change seen only by a hot scan may be in an older row: the full window is compared soon after.
            _fullScanOwed = !full;
            return full;
        }
        if (decision.Changed || force || deferred)
        {
            if (!_updateScanOwed)
                _scanOwedSince = now;
            _updateScanOwed = true;
        }
        return null;
    }

    /// <summary>A pass finished (journaled, or had nothing to journal).</summary>
    public void Completed(long? dataVersion, bool moreWork, bool scanned)
    {
        _lastDataVersion = dataVersion;
        _moreWork = moreWork;
        if (scanned)
            _updateScanOwed = false;
    }

    /// <summary>When to run again without a file event: a held row's deadline, an owed comparison; null for none.</summary>
    public TimeSpan? NextWake(DateTimeOffset now, DateTimeOffset? heldSince)
    {
        TimeSpan? wake = null;
        if (heldSince is { } held)
            wake = Max(TimeSpan.Zero, held + options.JoinWait - now);
        if (_updateScanOwed)
        {
            var scan = Max(TimeSpan.Zero, _lastUpdateScan + options.UpdateScanInterval - now);
            wake = wake is null ? scan : Min(wake.Value, scan);
        }
        if (_fullScanOwed)
        {
            var full = Max(TimeSpan.Zero, _lastFullScan + options.FullScanInterval - now);
            wake = wake is null ? full : Min(wake.Value, full);
        }
        return wake;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
