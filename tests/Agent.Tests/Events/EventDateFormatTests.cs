using System.Text;
using LineAgent.Agent.Events;

namespace LineAgent.Agent.Tests.Events;

/// <summary>The digit-by-digit UTF-8 date writer of the export against the format string it replaced.</summary>
public sealed class EventDateFormatTests
{
    [Fact]
    public void FormatUtf8_IsFormat_ForExtremesAndEveryTickPattern()
    {
        var random = new Random(15);
        var dates = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch, new(2001, 1, 1), new(999, 12, 31, 23, 59, 59, 999) };
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            dates.Add(new DateTime(ticks, DateTimeKind.Utc));                                              // sub-millisecond
            dates.Add(new DateTime(ticks - ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc));      // whole milliseconds
            dates.Add(new DateTime(ticks - ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));           // whole seconds
        }
        Span<byte> buffer = stackalloc byte[28];
        foreach (var date in dates)
        {
            var expected = EventDateConverter.Format(new DateTimeOffset(date.Ticks, TimeSpan.Zero));
            var actual = Encoding.ASCII.GetString(buffer[..EventDateConverter.FormatUtf8(date, buffer)]);
            Assert.True(expected == actual, $"{date.Ticks}: {expected} vs {actual}");
        }
    }
}
