using System.Globalization;
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
        Span<byte> buffer = stackalloc byte[40];
        var utc = value.UtcDateTime;
        if (utc.TryFormat(buffer, out var written, utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? Milliseconds : Ticks, CultureInfo.InvariantCulture))
            writer.WriteStringValue(buffer[..written]);
        else
            writer.WriteStringValue(Format(value));
    }
}
