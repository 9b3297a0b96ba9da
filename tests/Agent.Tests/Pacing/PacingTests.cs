using LineAgent.Agent.Outbox;
using LineAgent.Agent.Pacing;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace LineAgent.Agent.Tests.Pacing;

public sealed class PacingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TokenBucket_AllowsTheBurst_ThenOnePerInterval()
    {
        var time = new FakeTimeProvider(Now);
        var bucket = new TokenBucket(ratePerSecond: 1, capacity: 3, time);

        Assert.Equal(TimeSpan.Zero, bucket.TryTake());
        Assert.Equal(TimeSpan.Zero, bucket.TryTake());
        Assert.Equal(TimeSpan.Zero, bucket.TryTake());
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.TryTake());

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.TryTake());
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(TimeSpan.Zero, bucket.TryTake());
    }

    [Fact]
    public void TokenBucket_Available_ReportsTheBudgetWithoutTakingIt()
    {
        var time = new FakeTimeProvider(Now);
        var bucket = new TokenBucket(ratePerSecond: 1, capacity: 3, time);

        Assert.Equal(3, bucket.Available);
        Assert.Equal(3, bucket.Available);            // reading takes nothing
        bucket.TryTake();
        bucket.TryTake();
        Assert.Equal(1, bucket.Available, precision: 6);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1.5, bucket.Available, precision: 6);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(3, bucket.Available);            // never above the burst
    }

    [Fact]
    public async Task TokenBucket_TakeAsync_WaitsForTheRefill()
    {
        var time = new FakeTimeProvider(Now);
        var bucket = new TokenBucket(2, 1, time);
        await bucket.TakeAsync(CancellationToken.None);

        var waiting = bucket.TakeAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        await waiting;
    }

    [Fact]
    public void Budget_AllowsUpToTheDailyLimit_ThenSaysWhenTheOldestLeavesTheWindow()
    {
        var options = new PacingOptions { NewContactsPerDay = 3, NewContactsPerHour = 100 };
        var counted = new[] { Now.AddHours(-23), Now.AddHours(-2), Now.AddHours(-1) };

        Assert.Null(NewContactBudget.Check(options, counted[..2], 1, Now));
        Assert.Equal(TimeSpan.FromHours(1), NewContactBudget.Check(options, counted, 1, Now));
        Assert.Null(NewContactBudget.Check(options, counted, 0, Now));
    }

    [Fact]
    public void Budget_HourlyLimit_AppliesToo()
    {
        var options = new PacingOptions { NewContactsPerDay = 100, NewContactsPerHour = 2 };
        var counted = new[] { Now.AddMinutes(-50), Now.AddMinutes(-10) };

        Assert.Equal(TimeSpan.FromMinutes(10), NewContactBudget.Check(options, counted, 1, Now));
    }

    [Fact]
    public void Budget_IsOff_WhenPacingIsDisabled()
    {
        var options = new PacingOptions { Enabled = false, NewContactsPerDay = 0 };

        Assert.Null(NewContactBudget.Check(options, [], 5, Now));
    }

    [Fact]
    public void Defaults_FollowTheOperatorFigures()
    {
        var options = new PacingOptions();

        Assert.Equal(1.0, options.MessagesPerSecond);
        Assert.Equal(50, options.NewContactsPerDay);
        Assert.Equal(15, options.NewContactsPerHour);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.AttachmentSpacing);
    }

    [Fact]
    public async Task Outbox_RefusesNewContactsOverBudget_WithRetryAfter_ButNotKnownContactsOrRetries()
    {
        using var sim = new SimulatedMessages();
        sim.Db.SendText(sim.Db.EnsureDirectChat("+15552220000"), "we talked before");
        await using var h = new SendHarness(sim, pacing: p => { p.Enabled = true; p.NewContactsPerDay = 2; p.NewContactsPerHour = 100; });

        h.Pipeline.Submit("a", Text("+15552220001"));
        h.Pipeline.Submit("b", Text("+15552220002"));
        h.Pipeline.Submit("b2", Text("+15552220002", "again"));          // same new contact: counted once
        var rejected = Assert.Throws<PacingRejectedException>(() => h.Pipeline.Submit("c", Text("+15552220003")));
        h.Pipeline.Submit("known", Text("+15552220000"));                // history in chat.db: not new
        var retry = h.Pipeline.Submit("a", Text("+15552220001"));         // a retry is answered, budget or not

        Assert.InRange(rejected.RetryAfter, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
        Assert.Contains("NewContactsPerDay", rejected.Message);
        Assert.True(retry.Replayed);
        Assert.Null(h.Store.FindByKey("c"));
    }

    [Fact]
    public async Task Outbox_RefusesWhenTheQueueIsFull()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim, outbox: o => o.MaxQueuedSends = 2);

        h.Pipeline.Submit("1", Text("+15552220001"));
        h.Pipeline.Submit("2", Text("+15552220001"));

        var rejected = Assert.Throws<PacingRejectedException>(() => h.Pipeline.Submit("3", Text("+15552220001")));
        Assert.True(rejected.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task Budget_SurvivesARestart()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim, pacing: p => { p.Enabled = true; p.NewContactsPerDay = 1; });
        h.Pipeline.Submit("a", Text("+15552220001"));

        await h.RestartAsync();

        Assert.Throws<PacingRejectedException>(() => h.Pipeline.Submit("b", Text("+15552220002")));
    }

    private static MessageSend Text(string to, string text = "hi") =>
        new() { To = to, Parts = [new OutboundPart(OutboundPartKind.Text, text)] };
}
