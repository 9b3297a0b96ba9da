namespace LineAgent.Agent.Line;

/// <summary>
/// When the change feed last caught up with chat.db (a pass that read everything there was). The feed writes it after
/// each pass; the line's health reads its age as the feed lag. Thread-safe.
/// </summary>
public sealed class FeedProgress
{
    private long _caughtUpAtTicks;

    /// <summary>The last catch-up, or null before the first.</summary>
    public DateTimeOffset? LastCaughtUpAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _caughtUpAtTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Records a pass that left nothing unread.</summary>
    public void CaughtUp(DateTimeOffset at) => Interlocked.Exchange(ref _caughtUpAtTicks, at.UtcTicks);
}
