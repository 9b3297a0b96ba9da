using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineAgent.Agent.Events;

/// <summary>
/// Event dates: ISO-8601 UTC with milliseconds ("2025-03-14T09:26:53.589Z"), or 7 fractional digits when the value has
/// sub-millisecond ticks, so nothing chat.db holds is lost. Reads any ISO-8601 date.
/// </summary>
public sealed class EventDateConverter : JsonConverter<DateTimeOffset>
{
    private const string Milliseconds = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string Ticks = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The wire form of <paramref name="value"/>.</summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.ToString(utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? Milliseconds : Ticks, CultureInfo.InvariantCulture);
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => WriteValue(writer, value);

    /// <summary>Writes <paramref name="value"/>'s wire form as a JSON string value.</summary>
    public static void WriteValue(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[MaxUtf8Length];
        writer.WriteStringValue(buffer[..FormatUtf8(value.UtcDateTime, buffer)]);
    }

    /// <summary>The longest wire form, in bytes: with 7 fractional digits.</summary>
    public const int MaxUtf8Length = 28;

    /// <summary>
    /// <see cref="Format"/> as UTF-8 into <paramref name="buffer"/> (<see cref="MaxUtf8Length"/> bytes), digit by digit: the custom format
    /// string costs more than the rest of an export row's dates (the same text; tests compare every tick pattern).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per date of a bulk export: optimized from the first row
    internal static int FormatUtf8(DateTime utc, Span<byte> buffer)
    {
        utc.Deconstruct(out int year, out int month, out int day);
        Digits(buffer[..4], year);
        buffer[4] = (byte)'-';
        Digits(buffer.Slice(5, 2), month);
        buffer[7] = (byte)'-';
        Digits(buffer.Slice(8, 2), day);
        buffer[10] = (byte)'T';
        var timeOfDay = utc.Ticks % TimeSpan.TicksPerDay;
        Digits(buffer.Slice(11, 2), (int)(timeOfDay / TimeSpan.TicksPerHour));
        buffer[13] = (byte)':';
        Digits(buffer.Slice(14, 2), (int)(timeOfDay / TimeSpan.TicksPerMinute % 60));
        buffer[16] = (byte)':';
        Digits(buffer.Slice(17, 2), (int)(timeOfDay / TimeSpan.TicksPerSecond % 60));
        buffer[19] = (byte)'.';
        var fraction = (int)(timeOfDay % TimeSpan.TicksPerSecond);
        int end;
        if (fraction % TimeSpan.TicksPerMillisecond == 0)
        {
            Digits(buffer.Slice(20, 3), fraction / (int)TimeSpan.TicksPerMillisecond);
            end = 23;
        }
        else
        {
            Digits(buffer.Slice(20, 7), fraction);
            end = 27;
        }
        buffer[end] = (byte)'Z';
        return end + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Digits(Span<byte> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
