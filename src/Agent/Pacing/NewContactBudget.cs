namespace LineAgent.Agent.Pacing;

/// <summary>
/// Decides whether <paramref name="count"/> more new contacts fit the rolling daily and hourly budgets, given
/// when earlier new contacts were counted. Pure: the outbox passes the timestamps it stored (so budgets survive
/// restarts) and calls this inside its accept transaction (so concurrent requests cannot both squeeze in).
/// </summary>
public static class NewContactBudget
{
    /// <summary>
    /// Returns null when the contacts fit; otherwise how long until they would (the retry-after).
    /// <paramref name="countedAt"/> holds the times earlier new contacts were counted, any order.
    /// </summary>
    public static TimeSpan? Check(PacingOptions options, IReadOnlyList<DateTimeOffset> countedAt, int count, DateTimeOffset now)
    {
        if (!options.Enabled || count == 0)
            return null;
        var day = Window(countedAt, count, now, TimeSpan.FromDays(1), options.NewContactsPerDay);
        var hour = Window(countedAt, count, now, TimeSpan.FromHours(1), options.NewContactsPerHour);
        if (day is null && hour is null)
            return null;
        return day is null ? hour : hour is null ? day : (day > hour ? day : hour);
    }

    private static TimeSpan? Window(IReadOnlyList<DateTimeOffset> countedAt, int count, DateTimeOffset now, TimeSpan window, int limit)
    {
        if (count > limit)
            return window;     // never fits: wait a whole window (the caller should split the request)
        var inWindow = countedAt.Where(t => t > now - window).OrderBy(t => t).ToList();
        var excess = inWindow.Count + count - limit;
        if (excess <= 0)
            return null;
        // The excess-th oldest entry must leave the window first.
        var freesAt = inWindow[excess - 1] + window;
        var wait = freesAt - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }
}
