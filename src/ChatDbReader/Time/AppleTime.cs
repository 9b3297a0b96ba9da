namespace LineAgent.ChatDbReader.Time;

/// <summary>
/// Apple's "Cocoa" clock: an offset from 2001-01-01 00:00:00 UTC (978,307,200 s after the Unix epoch).
/// </summary>
/// <remarks>
/// <para>chat.db integer dates (<c>message.date</c>, <c>date_read</c>, <c>date_delivered</c>, <c>date_played</c>,
/// <c>date_edited</c>, <c>date_retracted</c>, <c>chat.last_read_message_timestamp</c>,
/// <c>chat_message_join.message_date</c>) are <b>nanoseconds</b> since macOS 10.13 High Sierra and were
/// <b>seconds</b> before; a stored <c>0</c> (or NULL on some machines) means "not set".
/// Nanosecond values of today (~7.5e17) and second values of any plausible date (&lt; 1e11 ≈ year 5170)
/// never overlap, so the unit is detected from the magnitude (<see cref="SecondsThreshold"/>).</para>
/// <para>Floating-point clocks — <c>message_summary_info</c> edit dates (<c>d</c>), bplist dates and NSDate in
/// typedstream — are <b>seconds as a double</b> since the same epoch (<see cref="FromSeconds"/>).</para>
/// <para>.NET ticks are 100 ns, so integer nanosecond values are truncated to the tick.</para>
/// </remarks>
public static class AppleTime
{
    /// <summary>2001-01-01 00:00:00 UTC, the zero of every Apple timestamp.</summary>
    public static readonly DateTimeOffset Epoch = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Integer values whose magnitude is below this (1e11) are seconds; at or above it, nanoseconds.</summary>
    public const long SecondsThreshold = 100_000_000_000;

    private const long NanosecondsPerTick = 100;

    /// <summary>
    /// Converts a chat.db integer date to UTC. Returns null for NULL and 0 ("not set") and for second values
    /// that fall before year 1. Magnitudes below <see cref="SecondsThreshold"/> are read as seconds
    /// (pre-10.13 rows), the rest as nanoseconds. Never throws.
    /// </summary>
    public static DateTimeOffset? ToDateTimeOffset(long? value)
    {
        if (value is not { } v || v == 0)
        {
            return null;
        }

        if (v > -SecondsThreshold && v < SecondsThreshold)
        {
            return FromSeconds(v);
        }

        // Any long of nanoseconds is within ±292 years of 2001, always representable.
        return Epoch.AddTicks(v / NanosecondsPerTick);
    }

    /// <summary>
    /// Converts seconds since 2001 (as used by bplist dates, NSDate and <c>message_summary_info</c> edit dates)
    /// to UTC. Returns null for NaN, infinities and values outside <see cref="DateTimeOffset"/>'s range.
    /// Rounded to the nearest 100 ns tick. A double holds about 0.1 µs of precision at today's magnitude, so a
    /// round trip through <see cref="ToSeconds"/> is exact only to about a tick.
    /// </summary>
    public static DateTimeOffset? FromSeconds(double seconds)
    {
        if (!double.IsFinite(seconds))
        {
            return null;
        }

        double ticks = Math.Round(seconds * TimeSpan.TicksPerSecond);
        double min = (DateTimeOffset.MinValue - Epoch).Ticks;
        double max = (DateTimeOffset.MaxValue - Epoch).Ticks;
        if (ticks < min || ticks > max)
        {
            return null;
        }

        return Epoch.AddTicks((long)ticks);
    }

    /// <summary>
    /// Converts a point in time to chat.db's current integer format: nanoseconds since 2001 (for writers and
    /// fixtures). Throws <see cref="ArgumentOutOfRangeException"/> outside 1709–2293, which a long cannot hold.
    /// </summary>
    public static long FromDateTimeOffset(DateTimeOffset value)
    {
        long ticks = (value - Epoch).Ticks;
        if (ticks > long.MaxValue / NanosecondsPerTick || ticks < long.MinValue / NanosecondsPerTick)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Apple nanosecond time covers only 1709–2293.");
        }

        return ticks * NanosecondsPerTick;
    }

    /// <summary>Converts a point in time to seconds since 2001 as a double (bplist dates, edit dates, NSDate).</summary>
    public static double ToSeconds(DateTimeOffset value) => (value - Epoch).Ticks / (double)TimeSpan.TicksPerSecond;
}
