using LineAgent.Agent.ChangeFeed;
using Microsoft.Extensions.Time.Testing;

namespace LineAgent.Agent.Tests.ChangeFeed;

/// <summary>
/// The worker's sleeps on a fake clock: a commit whose file event came before it was visible (its fsync, then the
/// -shm update, raise no event) is found soon after it becomes visible; an idle feed only polls.
/// </summary>
public sealed class SettleChecksTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SettleChecks _checks = new();

    /// <summary>A file event woke a pass that found nothing; steps the worker's loop until a pass runs at or after
    /// <paramref name="visibleAfter"/>; returns when that pass ran, after the event.</summary>
    private TimeSpan FoundAfter(TimeSpan visibleAfter)
    {
        var start = _clock.GetUtcNow();
        _checks.Woke(fileEvent: true);
        while (_clock.GetUtcNow() - start < visibleAfter)
        {
            _clock.Advance(_checks.Next(wakeAfter: null, Poll));
            _checks.Woke(fileEvent: false);
        }
        return _clock.GetUtcNow() - start;
    }

    [Fact]
    public void Idle_SleepsThePollInterval()
    {
        Assert.Equal(Poll, _checks.Next(null, Poll));
        _checks.Woke(fileEvent: false);
        Assert.Equal(Poll, _checks.Next(null, Poll));
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(1)]
    [InlineData(1.5)]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(128)]
    public void CommitVisibleAfterItsEvent_IsFoundWithinItsDelayAgain_AtLeast1Ms(double visibleMs)
    {
        var visible = TimeSpan.FromMilliseconds(visibleMs);

        var found = FoundAfter(visible);

        Assert.InRange(found - visible, TimeSpan.Zero, visible > TimeSpan.FromMilliseconds(1) ? visible : TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void AfterTheRechecks_OnlyThePollRemains()
    {
        FoundAfter(TimeSpan.FromMilliseconds(128));
        Assert.Equal(Poll, _checks.Next(null, Poll));
        _clock.Advance(Poll);
        _checks.Woke(fileEvent: false);
        Assert.Equal(Poll, _checks.Next(null, Poll));
    }

    [Fact]
    public void AFileEventMidway_StartsTheRechecksAgain()
    {
        FoundAfter(TimeSpan.FromMilliseconds(40));
        Assert.True(_checks.Next(null, Poll) >= TimeSpan.FromMilliseconds(32));

        _checks.Woke(fileEvent: true);

        Assert.Equal(TimeSpan.FromMilliseconds(1), _checks.Next(null, Poll));
    }

    [Fact]
    public void TheEnginesEarlierWake_AndAShortPoll_Win()
    {
        _checks.Woke(fileEvent: true);
        Assert.Equal(TimeSpan.Zero, _checks.Next(TimeSpan.Zero, Poll));                       // an owed comparison is due now
        Assert.Equal(TimeSpan.FromMilliseconds(1), _checks.Next(TimeSpan.FromMilliseconds(500), Poll)); // a held row waits longer
        Assert.Equal(TimeSpan.FromMilliseconds(0.5), _checks.Next(null, TimeSpan.FromMilliseconds(0.5)));
        Assert.Equal(Poll, new SettleChecks().Next(TimeSpan.FromSeconds(5), Poll));          // never past the poll
    }
}
