using LineAgent.ChatDbReader.Time;

namespace LineAgent.ChatDbReader.Tests.Time;

public class AppleTimeTests
{
    [Fact]
    public void Epoch_Is2001InUtc_978307200UnixSeconds()
    {
        Assert.Equal(978_307_200, AppleTime.Epoch.ToUnixTimeSeconds());
        Assert.Equal(TimeSpan.Zero, AppleTime.Epoch.Offset);
    }

    [Fact]
    public void ToDateTimeOffset_NullAndZero_AreNotSet()
    {
        Assert.Null(AppleTime.ToDateTimeOffset(null));
        Assert.Null(AppleTime.ToDateTimeOffset(0));
    }

    [Fact]
    public void ToDateTimeOffset_Nanoseconds_MatchesKnownRow()
    {
        // 750604936604725376 ns = 2024-10-14 13:22:16.6047253 UTC (the last 76 ns are below a tick).
        var expected = new DateTimeOffset(2024, 10, 14, 13, 22, 16, TimeSpan.Zero).AddTicks(6_047_253);
        Assert.Equal(expected, AppleTime.ToDateTimeOffset(750_604_936_604_725_376));
    }

    [Fact]
    public void ToDateTimeOffset_SecondsOnPre1013Rows()
    {
        Assert.Equal(new DateTimeOffset(2016, 11, 5, 0, 53, 20, TimeSpan.Zero), AppleTime.ToDateTimeOffset(500_000_000));
        Assert.Equal(AppleTime.Epoch.AddSeconds(1), AppleTime.ToDateTimeOffset(1));
    }

    [Fact]
    public void ToDateTimeOffset_SwitchesUnitAtThreshold()
    {
        Assert.Equal(AppleTime.Epoch.AddSeconds(99_999_999_999), AppleTime.ToDateTimeOffset(AppleTime.SecondsThreshold - 1));
        Assert.Equal(AppleTime.Epoch.AddSeconds(100), AppleTime.ToDateTimeOffset(AppleTime.SecondsThreshold));
    }

    [Fact]
    public void ToDateTimeOffset_NegativeValues_AreBefore2001()
    {
        Assert.Equal(AppleTime.Epoch.AddSeconds(-60), AppleTime.ToDateTimeOffset(-60));
        Assert.Equal(AppleTime.Epoch.AddSeconds(-200), AppleTime.ToDateTimeOffset(-200_000_000_000));
    }

    [Fact]
    public void ToDateTimeOffset_Extremes_NeverThrow()
    {
        Assert.Equal(AppleTime.Epoch.AddTicks(long.MaxValue / 100), AppleTime.ToDateTimeOffset(long.MaxValue));
        Assert.Equal(AppleTime.Epoch.AddTicks(long.MinValue / 100), AppleTime.ToDateTimeOffset(long.MinValue));
        // Seconds before year 1 are unrepresentable: null, not an exception.
        Assert.Null(AppleTime.ToDateTimeOffset(-99_999_999_999));
    }

    [Fact]
    public void FromSeconds_FractionalEditDate()
    {
        Assert.Equal(AppleTime.Epoch.AddTicks(6_905_134_742_725_511), AppleTime.FromSeconds(690513474.2725511));
        Assert.Equal(AppleTime.Epoch.AddSeconds(-1.5), AppleTime.FromSeconds(-1.5));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(1e12)]
    public void FromSeconds_Unrepresentable_IsNull(double seconds)
    {
        Assert.Null(AppleTime.FromSeconds(seconds));
    }

    [Fact]
    public void FromDateTimeOffset_RoundTripsThroughToDateTimeOffset()
    {
        var when = new DateTimeOffset(2026, 11, 26, 23, 4, 21, 123, TimeSpan.FromHours(-5)).AddTicks(4567);
        long ns = AppleTime.FromDateTimeOffset(when);
        Assert.Equal(0, ns % 100);
        Assert.Equal(when, AppleTime.ToDateTimeOffset(ns));
        Assert.Equal(TimeSpan.Zero, AppleTime.ToDateTimeOffset(ns)!.Value.Offset);
        Assert.Equal(750_604_936_604_725_300, AppleTime.FromDateTimeOffset(AppleTime.ToDateTimeOffset(750_604_936_604_725_376)!.Value));
    }

    [Fact]
    public void FromDateTimeOffset_BeyondLongNanoseconds_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AppleTime.FromDateTimeOffset(new DateTimeOffset(2300, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => AppleTime.FromDateTimeOffset(new DateTimeOffset(1700, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ToSeconds_IsInverseOfFromSeconds()
    {
        var when = new DateTimeOffset(2022, 11, 19, 1, 17, 54, 250, TimeSpan.Zero);
        Assert.Equal(when, AppleTime.FromSeconds(AppleTime.ToSeconds(when)));
        Assert.Equal(0.0, AppleTime.ToSeconds(AppleTime.Epoch));
    }
}
