using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Journal;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Logging;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

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
/// The engine coordinates: <see cref="FeedSession"/> (the connection), <see cref="FeedSchedule"/> (when to read and
/// compare), <see cref="FeedIdentity"/> (first position, replaced chat.db), <see cref="ChatChanges"/> and
/// <see cref="InsertCollector"/> (new chats and rows), <see cref="UpdateWindow"/> (changes to existing rows).
/// Every chat.db read comes before the append; a crash anywhere leaves the journal at the previous position and the
/// next run derives the same events (same ids) again.
/// </remarks>
internal sealed class ChangeFeedEngine : IDisposable
{
    private readonly JournalStore _journal;
    private readonly TimeProvider _time;
    private readonly ChangeFeedOptions _options;
    private readonly FeedSession _session;
    private readonly FeedSchedule _schedule;
    private readonly FeedIdentity _identity;
    private readonly InsertCollector _inserts;
    private readonly UpdateWindow _window;
    private readonly ILogger _logger;
    private FeedPosition? _position;

    public ChangeFeedEngine(ChatDbSource source, JournalStore journal, ChangeFeedOptions options, TimeProvider time, ILogger logger)
    {
        _journal = journal;
        _time = time;
        _options = options;
        _session = new FeedSession(source, options, logger);
        _schedule = new FeedSchedule(options);
        _identity = new FeedIdentity(options, logger);
        _inserts = new InsertCollector(options, logger);
        _window = new UpdateWindow(options, logger);
        _logger = logger;
    }

    /// <summary>Test seam: called at each <see cref="FeedStep"/>; throwing simulates a crash there.</summary>
    public Action<FeedStep>? FaultInjection { get; set; }

    /// <summary>The position the journal holds for the feed (null before the first start).</summary>
    public FeedPosition? Position => _position;

    /// <summary>Closes chat.db so the next cycle reopens it (after a file event says it was replaced).</summary>
    public void RequestReopen() => _session.RequestReopen();

    /// <summary>Runs one pass. <paramref name="force"/> reads even when PRAGMA data_version says nothing changed.</summary>
    public CycleResult RunCycle(bool force)
    {
        var now = _time.GetUtcNow();
        _session.CloseIfDue(now);

        if (_session.Db is null)
        {
            if (!TryOpen(now))
                return new CycleResult(0, false, _options.PollInterval, false);
            force = true;
        }

        FeedPass pass;
        try
        {
            pass = Collect(_session.Db!, now, force);
        }
        catch (ChatDbOpenException ex) when (IsBusy(ex))
        {
            ChangeFeedLog.Busy(_logger);
            return new CycleResult(0, false, TimeSpan.FromMilliseconds(50), true);
        }
        catch (ChatDbOpenException ex)
        {
            _session.Unavailable(ex.Message);
            return new CycleResult(0, false, _options.PollInterval, false);
        }

        if (pass.Cursor is null)
            return new CycleResult(0, false, pass.WakeAfter, true);

        FaultInjection?.Invoke(FeedStep.BeforeAppend);
        var result = _journal.Append(pass.Events, pass.Cursor);
        FaultInjection?.Invoke(FeedStep.AfterAppend);
        Commit(pass);
        if (result.Appended.Count > 0)
            ChangeFeedLog.Appended(_logger, result.Appended.Count, pass.Position.Watermark);
        return new CycleResult(result.Appended.Count, pass.MoreWork, pass.WakeAfter, true);
    }

    public void Dispose() => _session.Dispose();

    private FeedPass Collect(ChatDatabase db, DateTimeOffset now, bool force)
    {
        var position = _position!;
        var pass = new FeedPass { Position = position };

        var dataVersion = db.DataVersion();
        var decision = _schedule.Decide(now, force, dataVersion, _inserts.HeldExpired(now));
        pass.DataVersion = dataVersion;
        if (!decision.Read)
        {
            pass.WakeAfter = _schedule.NextWake(now, _inserts.HeldSince);
            return pass;
        }

        if (FeedIdentity.RowIdsWentBackwards(db, position))
        {
            _identity.Resync(pass, db, $"ROWIDs went backwards: the highest message ROWID is below the feed's watermark {position.Watermark}", now);
            _inserts.Release();
        }

        ChatChanges.Collect(pass, db, now);
        var held = _inserts.Collect(pass, db, now);
        FaultInjection?.Invoke(FeedStep.Read);

        if (_schedule.Compare(now, force, decision, pass.Events.Count) is { } full)
        {
            _window.Collect(pass, db, full, now);
            pass.Scanned = true;
        }

        pass.WakeAfter = held ? _options.JoinWait : _schedule.NextWake(now, _inserts.HeldSince);
        if (pass.HasChanges(_position))
            pass.BuildCursor();
        else
            _schedule.Completed(dataVersion, pass.MoreWork, pass.Scanned);
        return pass;
    }

    private void Commit(FeedPass pass)
    {
        _position = pass.Position;
        _window.Apply(pass);
        _schedule.Completed(pass.DataVersion, pass.MoreWork, pass.Scanned);
    }

    private bool TryOpen(DateTimeOffset now)
    {
        FeedPass? pass;
        try
        {
            var db = _session.Open(now);
            _schedule.SessionOpened();
            if (!_window.Loaded)
            {
                _position = FeedPosition.FromJson(_journal.ReadCursor(FeedPosition.Source));
                _window.Load(_journal);
            }
            pass = _position is null ? _identity.FirstStart(db, now) : _identity.Verify(db, _position, now);
            if (pass?.ClearState == true)
                _inserts.Release();
        }
        catch (ChatDbOpenException ex)
        {
            _session.Unavailable($"{ex.Reason}: {ex.Message}");
            return false;
        }

        _session.Available();
        if (pass?.Cursor is not null)
        {
            _journal.Append(pass.Events, pass.Cursor);
            Commit(pass);
        }
        _session.Started(_position!.Watermark);
        return true;
    }

    private static bool IsBusy(ChatDbOpenException ex) =>
        ((ex.SqliteErrorCode ?? 0) & 0xFF) is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED
}
