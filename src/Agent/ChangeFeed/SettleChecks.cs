namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// How long the <see cref="ChangeFeedWorker"/> sleeps between passes: until the next pass the engine asked for, the
/// fallback poll, or, after a file event, the next of a few quick data_version re-checks, doubling from 1 ms.
/// </summary>
/// <remarks>
/// Why the re-checks: inotify/FSEvents report the writes of a commit's WAL frames, but SQLite makes the commit
/// visible only afterwards (after its fsync, by updating the -shm index through mmap, which raises no event). The
/// pass a file event starts can therefore run before the commit it announces is visible, and no further event comes.
/// Re-checking 1, 2, 4 … 128 ms after the last event finds a commit that became visible t ms after it within
/// max(1 ms, t) more; each check is one PRAGMA data_version (tens of microseconds), and only after file events, so an
/// idle feed still wakes once per poll interval. Pure bookkeeping, stepped by the tests.
/// </remarks>
internal sealed class SettleChecks
{
    /// <summary>The sleeps after a file event, in turn (cumulative: 1, 2, 4 … 128 ms).</summary>
    public static readonly IReadOnlyList<TimeSpan> Steps =
    [
        TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(4),
        TimeSpan.FromMilliseconds(8), TimeSpan.FromMilliseconds(16), TimeSpan.FromMilliseconds(32), TimeSpan.FromMilliseconds(64),
    ];

    private int _next = Steps.Count;   // none owed until the first file event

    /// <summary>The sleep before the next pass: the shortest of the engine's <paramref name="wakeAfter"/>,
    /// <paramref name="pollInterval"/> and the next owed re-check.</summary>
    public TimeSpan Next(TimeSpan? wakeAfter, TimeSpan pollInterval)
    {
        var wait = wakeAfter is { } w && w < pollInterval ? w : pollInterval;
        return _next < Steps.Count && Steps[_next] < wait ? Steps[_next] : wait;
    }

    /// <summary>The sleep ended: by a file event (the re-checks start again) or by its timeout (the next one is owed).</summary>
    public void Woke(bool fileEvent) => _next = fileEvent ? 0 : Math.Min(_next + 1, Steps.Count);
}
