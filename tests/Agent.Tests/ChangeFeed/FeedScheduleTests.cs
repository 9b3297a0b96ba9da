using LineAgent.Agent.ChangeFeed;
using Microsoft.Extensions.Time.Testing;

namespace LineAgent.Agent.Tests.ChangeFeed;

/// <summary>The feed's schedule on a fake clock: when it reads, when it compares the update window, when it wakes.</summary>
public sealed class FeedScheduleTests
{
    private static readonly TimeSpan Scan = TimeSpan.FromMilliseconds(100), Full = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FeedSchedule _schedule = new(new ChangeFeedOptions { UpdateScanInterval = Scan, FullScanInterval = Full });

    private DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>One pass as the engine runs it; returns the comparison made (null: none).</summary>
    private bool? Pass(long dataVersion, int newEvents = 0, bool force = false, bool moreWork = false)
    {
        var decision = _schedule.Decide(Now, force, dataVersion, heldExpired: false);
        if (!decision.Read)
            return null;
        var compare = _schedule.Compare(Now, force, decision, newEvents);
        _schedule.Completed(dataVersion, moreWork, scanned: compare is not null);
        return compare;
    }

    [Fact]
    public void NothingChanged_DoesNotRead_AndSleepsUntilAFileEvent()
    {
        Assert.True(Pass(1, force: true));                 // the first pass compares the whole window
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(_schedule.Decide(Now, false, 1, heldExpired: false).Read);
        Assert.Null(_schedule.NextWake(Now, heldSince: null));
    }

    [Fact]
    public void NewRows_PutTheComparisonOff_ButNotForMoreThanFourScanIntervals()
    {
        Assert.True(Pass(1, force: true));
        var version = 1L;
        var deferredSince = Now;
        while (true)
        {
            _clock.Advance(Scan / 2);
            var compared = Pass(++version, newEvents: 3);
            if (compared is not null)
                break;
            Assert.True(_schedule.UpdateScanOwed);
            Assert.True(_schedule.NextWake(Now, null) <= Scan);   // the owed comparison keeps the worker awake
        }
        var waited = Now - deferredSince;
        Assert.InRange(waited, 4 * Scan, 5 * Scan);       // a steady stream of inserts cannot starve receipts
    }

    [Fact]
    public void OwedComparison_RunsOnTheNextQuietPass()
    {
        Assert.True(Pass(1, force: true));
        _clock.Advance(Scan);
        Assert.Null(Pass(2, newEvents: 1));                // new rows first
        Assert.Equal(TimeSpan.Zero, _schedule.NextWake(Now, null)); // the owed comparison is already due
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(Pass(2));                              // quiet now: the hot rows are compared (full is not due yet)
        Assert.False(_schedule.UpdateScanOwed);
    }

    [Fact]
    public void HotComparison_IsFollowedByAFullOne_WithinFullScanInterval()
    {
        Assert.True(Pass(1, force: true));
        _clock.Advance(Scan);
        Assert.False(Pass(2));                              // a change: only the hot rows
        Assert.Equal(Full - Scan, _schedule.NextWake(Now, null));
        _clock.Advance(Full - Scan);
        Assert.True(Pass(2));                               // nothing new, but the full window is owed and due
        Assert.Null(_schedule.NextWake(Now, null));
    }

    [Fact]
    public void Backlog_HoldsComparisonsUntilCaughtUp()
    {
        Assert.True(Pass(1, force: true));
        _clock.Advance(Full);
        Pass(2, newEvents: 2000, moreWork: true);           // a full batch: more rows are waiting
        var decision = _schedule.Decide(Now + Full, false, 2, heldExpired: false);
        Assert.True(decision.Read);                         // keeps reading although data_version did not move
        Assert.False(decision.ScanDue);
        Assert.False(decision.FullDue);
    }

    [Fact]
    public void HeldRow_WakesAtItsJoinDeadline()
    {
        var schedule = new FeedSchedule(new ChangeFeedOptions { JoinWait = TimeSpan.FromMilliseconds(500) });
        Assert.Equal(TimeSpan.FromMilliseconds(300), schedule.NextWake(Now, heldSince: Now - TimeSpan.FromMilliseconds(200)));
        Assert.Equal(TimeSpan.Zero, schedule.NextWake(Now, heldSince: Now - TimeSpan.FromSeconds(2)));
        Assert.True(schedule.Decide(Now, false, 0, heldExpired: true).Read);
    }
}
