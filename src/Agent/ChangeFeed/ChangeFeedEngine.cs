using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Journal;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Time;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>What one <see cref="ChangeFeedEngine.RunCycle"/> did.</summary>
/// <param name="Appended">Events newly journaled.</param>
/// <param name="MoreWork">A full batch was read: run again at once.</param>
/// <param name="WakeAfter">Run again after this long even without a file event (a held row, an owed update scan).</param>
/// <param name="Available">False while chat.db cannot be read.</param>
internal readonly record struct CycleResult(int Appended, bool MoreWork, TimeSpan? WakeAfter, bool Available);

/// <summary>
/// One pass of the change feed, synchronous and single-threaded: read what changed in chat.db since the journaled
/// position, map it to events, and append events + new position in one journal transaction. The
/// <see cref="ChangeFeedWorker"/> decides when to run it.
/// </summary>
/// <remarks>
/// Inserts are found by ROWID watermark. In-place updates (Messages writes receipts, errors, edits, unsends and
/// attachment transfers into existing rows) are found by comparing the mutable columns of the newest
/// <see cref="ChangeFeedOptions.UpdateWindowRows"/> rows with their fingerprints, which are journaled with the
/// position, so a restart neither misses a change made while the agent was down nor reports an old one again.
/// Every chat.db read comes before the append; a crash anywhere leaves the journal at the previous position and the
/// next run derives the same events (same ids) again.
/// </remarks>
internal sealed class ChangeFeedEngine : IDisposable
{
    private const int ChatBatch = 500;
    private readonly ChatDbSource _source;
    private readonly JournalStore _journal;
    private readonly ChangeFeedOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _loggedBodyErrors = new(StringComparer.Ordinal);
    private ChatDatabase? _db;
    private DateTimeOffset _openedAt;
    private FeedPosition? _position;
    private Dictionary<long, string>? _state;
    private long? _lastDataVersion;
    private DateTimeOffset _lastUpdateScan = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFullScan = DateTimeOffset.MinValue;
    private bool _fullScanOwed;
    private DateTimeOffset _scanOwedSince;
    private bool _updateScanOwed;
    private (long RowId, DateTimeOffset FirstSeen)? _heldRow;
    private string? _unavailableReason;
    private bool _reopenRequested;
    private bool _moreWork;
    private bool _started;

    public ChangeFeedEngine(ChatDbSource source, JournalStore journal, ChangeFeedOptions options, TimeProvider time, ILogger logger)
    {
        _source = source;
        _journal = journal;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Test seam: called with a step name ("read", "before-append", "after-append"); throwing simulates a crash there.</summary>
    public Action<string>? FaultInjection { get; set; }

    /// <summary>The position the journal holds for the feed (null before the first start).</summary>
    public FeedPosition? Position => _position;

    /// <summary>Closes chat.db so the next cycle reopens it (after a file event says it was replaced).</summary>
    public void RequestReopen() => _reopenRequested = true;

    /// <summary>Runs one pass. <paramref name="force"/> reads even when PRAGMA data_version says nothing changed.</summary>
    public CycleResult RunCycle(bool force)
    {
        var now = _time.GetUtcNow();
        if (_db is not null && (_reopenRequested || now - _openedAt >= _options.ReopenInterval))
            CloseSession();
        _reopenRequested = false;

        if (_db is null)
        {
            if (!TryOpen(now))
                return new CycleResult(0, false, _options.PollInterval, false);
            force = true;
        }

        Pass pass;
        try
        {
            pass = Collect(now, force);
        }
        catch (ChatDbOpenException ex) when (IsBusy(ex))
        {
            ChangeFeedLog.Busy(_logger);
            return new CycleResult(0, false, TimeSpan.FromMilliseconds(50), true);
        }
        catch (ChatDbOpenException ex)
        {
            MarkUnavailable(ex.Message);
            CloseSession();
            return new CycleResult(0, false, _options.PollInterval, false);
        }

        if (pass.Cursor is null)
            return new CycleResult(0, false, pass.WakeAfter, true);

        FaultInjection?.Invoke("before-append");
        var result = _journal.Append(pass.Events, pass.Cursor);
        FaultInjection?.Invoke("after-append");
        Commit(pass);
        if (result.Appended.Count > 0)
            ChangeFeedLog.Appended(_logger, result.Appended.Count, pass.Position.Watermark);
        return new CycleResult(result.Appended.Count, pass.MoreWork, pass.WakeAfter, true);
    }

    public void Dispose() => CloseSession();

    private sealed class Pass
    {
        public List<NewJournalEvent> Events { get; } = [];
        public Dictionary<long, string> Upserts { get; } = [];
        public required FeedPosition Position { get; set; }
        public long? RemoveBelow { get; set; }
        public bool ClearState { get; set; }
        public JournalCursorUpdate? Cursor { get; set; }
        public bool MoreWork { get; set; }
        public TimeSpan? WakeAfter { get; set; }
        public long? DataVersion { get; set; }
        public bool Scanned { get; set; }
    }

    private Pass Collect(DateTimeOffset now, bool force)
    {
        var db = _db!;
        var position = _position!;
        var pass = new Pass { Position = position };

        var dataVersion = db.DataVersion();
        // A full batch last time means rows are waiting even though no new commit changed data_version.
        var changed = dataVersion != _lastDataVersion || _moreWork;
        var heldExpired = _heldRow is { } held && now - held.FirstSeen >= _options.JoinWait;
        // While a backlog of new rows is being read (a burst), the update scan waits: it is owed and runs once caught up.
        var scanDue = (force || changed || _updateScanOwed) && !_moreWork && now - _lastUpdateScan >= _options.UpdateScanInterval;
        var fullDue = _fullScanOwed && !_moreWork && now - _lastFullScan >= _options.FullScanInterval;
        pass.DataVersion = dataVersion;
        if (!changed && !force && !heldExpired && !scanDue && !fullDue)
        {
            pass.WakeAfter = NextWake(now);
            return pass;
        }

        // chat.db replaced in place (same path, same open connection): ROWIDs went backwards.
        if (db.MaxMessageRowId() < position.Watermark && (db.MessageSequence() ?? 0) < position.Watermark)
        {
            Resync(pass, $"ROWIDs went backwards: the highest message ROWID is below the feed's watermark {position.Watermark}");
            position = pass.Position;
        }

        CollectChats(pass, db, now);
        var held2 = CollectInserts(pass, db, now);
        FaultInjection?.Invoke("read");

        // New rows are journaled first and the comparison runs in the next pass, so a window scan never delays a
        // new message; unless scans keep being put off by a steady stream of inserts.
        var deferred = pass.Events.Count > 0 && (!_updateScanOwed || now - _scanOwedSince < 4 * _options.UpdateScanInterval);
        if ((scanDue || fullDue || (force && !_moreWork)) && !deferred)
        {
            var full = force || now - _lastFullScan >= _options.FullScanInterval;
            CollectUpdates(pass, db, full);
            _lastUpdateScan = now;
            if (full)
                _lastFullScan = now;
            // A change seen only by a hot scan may be in an older row: the full window is compared soon after.
            _fullScanOwed = !full;
            pass.Scanned = true;
        }
        else if (changed || force || deferred)
        {
            if (!_updateScanOwed)
                _scanOwedSince = now;
            _updateScanOwed = true;
        }

        pass.WakeAfter = held2 ? _options.JoinWait : NextWake(now);
        if (pass.Events.Count > 0 || pass.Upserts.Count > 0 || pass.ClearState || pass.Position != _position || pass.RemoveBelow is not null)
        {
            pass.Cursor = new JournalCursorUpdate(FeedPosition.Source, pass.Position.ToJson())
            {
                StateUpserts = pass.Upserts,
                RemoveStateBelow = pass.RemoveBelow,
                ClearState = pass.ClearState,
            };
        }
        else
        {
            _lastDataVersion = dataVersion;
            _moreWork = pass.MoreWork;
            if (pass.Scanned) _updateScanOwed = false;
        }
        return pass;
    }

    private void CollectChats(Pass pass, ChatDatabase db, DateTimeOffset now)
    {
        var newChats = db.ChatsAfter(pass.Position.ChatWatermark, ChatBatch);
        foreach (var (rowId, guid) in newChats)
        {
            var chat = db.GetChat(guid) ?? new ChatRecord(rowId, guid, false, null, null, null, null, null, []);
            pass.Events.Add(EventMapper.ChatCreated(chat, now));
            pass.Position = pass.Position with { ChatWatermark = rowId };
        }
        if (newChats.Count == ChatBatch)
            pass.MoreWork = true;

        var highWater = pass.Position.ChatReadHighWater;
        foreach (var (guid, lastRead) in db.ChatsReadAfter(highWater))
        {
            pass.Events.Add(EventMapper.ChatRead(guid, db.GetChat(guid), lastRead));
            highWater = Math.Max(highWater, lastRead);
        }
        pass.Position = pass.Position with { ChatReadHighWater = highWater };
    }

    /// <summary>Returns true when a row is being held for its chat join.</summary>
    private bool CollectInserts(Pass pass, ChatDatabase db, DateTimeOffset now)
    {
        // Fingerprints first, rows second: a record is never older than the fingerprint stored for it, so an update
        // that lands in between is seen again by the next comparison rather than lost.
        var fingerprints = db.Fingerprints(pass.Position.Watermark, long.MaxValue, _options.BatchSize);
        if (fingerprints.Count == 0)
            return false;
        var byRow = fingerprints.ToDictionary(f => f.RowId, f => f.Value);
        var held = false;
        foreach (var record in db.ReadMessagesInRange(fingerprints[0].RowId, fingerprints[^1].RowId))
        {
            if (!byRow.TryGetValue(record.RowId, out var fingerprint))
                continue;
            // Messages writes the message row and its chat_message_join row in separate transactions: hold the row
            // (and everything after it, to keep order) until the join shows up or JoinWait runs out.
            if (record.ChatGuids.Count == 0 && _options.JoinWait > TimeSpan.Zero)
            {
                if (_heldRow?.RowId != record.RowId)
                    _heldRow = (record.RowId, now);
                if (now - _heldRow.Value.FirstSeen < _options.JoinWait)
                {
                    held = true;
                    break;
                }
                ChangeFeedLog.JoinWaitExpired(_logger, record.Guid, record.RowId, _options.JoinWait);
            }
            if (_heldRow?.RowId == record.RowId)
                _heldRow = null;

            try
            {
                if (record.BodyError is { } bodyError && _loggedBodyErrors.Add(record.Guid))
                    ChangeFeedLog.BodyUndecodable(_logger, record.Guid, record.RowId, bodyError.ToString());
                pass.Events.AddRange(EventMapper.Inserted(record));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ChangeFeedLog.RowSkipped(_logger, record.RowId, ex);
            }
            pass.Upserts[record.RowId] = fingerprint;
            pass.Position = pass.Position with
            {
                Watermark = record.RowId,
                WatermarkGuid = record.Guid,
                WatermarkDate = record.Date is { } d ? AppleTime.FromDateTimeOffset(d) : null,
            };
        }
        if (_loggedBodyErrors.Count > 10_000)
            _loggedBodyErrors.Clear();
        pass.MoreWork |= !held && fingerprints.Count == _options.BatchSize;
        return held;
    }

    /// <summary>
    /// Compares the newest <see cref="ChangeFeedOptions.UpdateHotRows"/> rows, or with <paramref name="full"/> the
    /// whole update window (and trims the journaled fingerprints to it).
    /// </summary>
    private void CollectUpdates(Pass pass, ChatDatabase db, bool full)
    {
        var state = _state!;
        var watermark = pass.Position.Watermark;
        var rows = full ? _options.UpdateWindowRows : Math.Min(_options.UpdateHotRows, _options.UpdateWindowRows);
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
                ChangeFeedLog.RowSkipped(_logger, fp.RowId, ex);
            }
            pass.Upserts[fp.RowId] = fp.Value;
        }
        if (full)
            pass.RemoveBelow = low + 1;
    }

    private void Commit(Pass pass)
    {
        _position = pass.Position;
        var state = _state!;
        if (pass.ClearState)
            state.Clear();
        foreach (var (key, value) in pass.Upserts)
            state[key] = value;
        if (pass.RemoveBelow is long below)
        {
            foreach (var key in state.Keys.Where(k => k < below).ToList())
                state.Remove(key);
        }
        _lastDataVersion = pass.DataVersion;
        _moreWork = pass.MoreWork;
        if (pass.Scanned)
            _updateScanOwed = false;
    }

    private TimeSpan? NextWake(DateTimeOffset now)
    {
        TimeSpan? wake = null;
        if (_heldRow is { } held)
            wake = Max(TimeSpan.Zero, held.FirstSeen + _options.JoinWait - now);
        if (_updateScanOwed)
        {
            var scan = Max(TimeSpan.Zero, _lastUpdateScan + _options.UpdateScanInterval - now);
            wake = wake is null ? scan : Min(wake.Value, scan);
        }
        if (_fullScanOwed)
        {
            var full = Max(TimeSpan.Zero, _lastFullScan + _options.FullScanInterval - now);
            wake = wake is null ? full : Min(wake.Value, full);
        }
        return wake;
    }

    private bool TryOpen(DateTimeOffset now)
    {
        Pass? pass = null;
        try
        {
            _db = _source.Open(new ChatDbOptions { BusyTimeout = _options.BusyTimeout });
            _openedAt = now;
            _lastDataVersion = null;

            if (_state is null)
            {
                _position = FeedPosition.FromJson(_journal.ReadCursor(FeedPosition.Source));
                _state = new Dictionary<long, string>(_journal.ReadSourceState(FeedPosition.Source));
            }
            pass = _position is null ? FirstStart(now) : Verify();
        }
        catch (ChatDbOpenException ex)
        {
            MarkUnavailable($"{ex.Reason}: {ex.Message}");
            CloseSession();
            return false;
        }

        if (_unavailableReason is not null)
        {
            ChangeFeedLog.Available(_logger);
            _unavailableReason = null;
        }
        if (pass?.Cursor is not null)
        {
            _journal.Append(pass.Events, pass.Cursor);
            Commit(pass);
        }
        if (!_started)
            ChangeFeedLog.Started(_logger, _source.Path, _position!.Watermark);
        else
            ChangeFeedLog.Reopened(_logger, _source.Path, _position!.Watermark);
        _started = true;
        return true;
    }

    private Pass FirstStart(DateTimeOffset now)
    {
        var db = _db!;
        var watermark = db.MaxMessageRowId();
        if (_options.Backfill > TimeSpan.Zero)
        {
            var first = db.FirstRowAtOrAfter(AppleTime.FromDateTimeOffset(now - _options.Backfill));
            watermark = first is long f ? f - 1 : watermark;
        }
        ChangeFeedLog.FirstStart(_logger, watermark, _options.Backfill);
        var pass = new Pass { Position = new FeedPosition() };
        Baseline(pass, watermark);
        return pass;
    }

    /// <summary>Checks that chat.db is the database the journaled position belongs to; resynchronises if not.</summary>
    private Pass? Verify()
    {
        var db = _db!;
        var position = _position!;
        string? reason = null;
        var identity = db.UniqueIdentifier();
        if (position.Identity is not null && identity is not null && identity != position.Identity)
            reason = $"its _UniqueIdentifier changed from {position.Identity} to {identity}";

        var max = db.MaxMessageRowId();
        if (reason is null && Math.Max(max, db.MessageSequence() ?? 0) < position.Watermark)
            reason = $"ROWIDs went backwards: the highest message ROWID is {max}, the feed was at {position.Watermark}";

        if (reason is null && position.WatermarkGuid is { } guid)
        {
            var atWatermark = db.GuidAt(position.Watermark);
            if (atWatermark is not null && atWatermark != guid)
                reason = $"ROWID {position.Watermark} now holds message {atWatermark} instead of {guid}";
            else if (atWatermark is null && db.RowIdOf(guid) is long moved && moved != position.Watermark)
                reason = $"message {guid} moved from ROWID {position.Watermark} to {moved}";
        }

        if (reason is null)
        {
            if (position.Identity is null && identity is not null)
                return Touch(position with { Identity = identity });
            return null;
        }

        var pass = new Pass { Position = position };
        Resync(pass, reason);
        return pass;
    }

    private Pass Touch(FeedPosition position)
    {
        var pass = new Pass { Position = position };
        pass.Cursor = new JournalCursorUpdate(FeedPosition.Source, position.ToJson());
        return pass;
    }

    /// <summary>
    /// chat.db was replaced: continue after the row the watermark pointed at (found by guid, else by date) and
    /// re-baseline the update window. Rows after the anchor that were already journaled map to the same ids, so the
    /// journal skips them: nothing is lost, nothing doubled.
    /// </summary>
    private void Resync(Pass pass, string reason)
    {
        var db = _db!;
        var old = pass.Position;
        var anchor = (old.WatermarkGuid is { } g ? db.RowIdOf(g) : null)
            ?? (old.WatermarkDate is long d ? db.LastRowAtOrBefore(d) ?? 0 : db.MaxMessageRowId());
        ChangeFeedLog.Resync(_logger, reason, anchor);
        _heldRow = null;
        Baseline(pass, anchor);
        // chat.read timestamps are absolute (not ROWIDs): keep the high-water mark.
        pass.Position = pass.Position with { ChatReadHighWater = Math.Max(pass.Position.ChatReadHighWater, old.ChatReadHighWater) };
    }

    private void Baseline(Pass pass, long watermark)
    {
        var db = _db!;
        pass.ClearState = true;
        pass.Position = new FeedPosition
        {
            Watermark = watermark,
            WatermarkGuid = db.GuidAt(watermark),
            WatermarkDate = db.DateAt(watermark),
            ChatWatermark = db.MaxChatRowId(),
            ChatReadHighWater = db.MaxChatLastRead(),
            Identity = db.UniqueIdentifier(),
        };
        var low = Math.Max(0, watermark - _options.UpdateWindowRows);
        foreach (var fp in db.Fingerprints(low, watermark, _options.UpdateWindowRows))
            pass.Upserts[fp.RowId] = fp.Value;
        pass.RemoveBelow = null;
        pass.Cursor = new JournalCursorUpdate(FeedPosition.Source, pass.Position.ToJson())
        {
            ClearState = true,
            StateUpserts = pass.Upserts,
        };
    }

    private void MarkUnavailable(string reason)
    {
        if (_unavailableReason != reason)
            ChangeFeedLog.Unavailable(_logger, reason, _options.PollInterval);
        _unavailableReason = reason;
    }

    private void CloseSession()
    {
        _db?.Dispose();
        _db = null;
    }

    private static bool IsBusy(ChatDbOpenException ex) =>
        ((ex.SqliteErrorCode ?? 0) & 0xFF) is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
