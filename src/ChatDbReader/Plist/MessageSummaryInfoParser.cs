using System.Globalization;

namespace LineAgent.ChatDbReader.Plist;

/// <summary>Maps the bplist dict of <c>message_summary_info</c> onto <see cref="MessageSummaryInfo"/>.</summary>
internal static class MessageSummaryInfoParser
{
    public static MessageSummaryInfo Parse(byte[]? blob)
    {
        if (blob is null || blob.Length == 0)
        {
            return MessageSummaryInfo.Empty;
        }

        object? root;
        try
        {
            // Messages writes bplist00; an XML plist is read too (defensively: rows written by other tools).
            root = XmlPlist.LooksLikeXml(blob) ? XmlPlist.Parse(blob) : BinaryPlist.Parse(blob);
        }
        catch (PlistFormatException ex)
        {
            return MessageSummaryInfo.Failed(ex.Message);
        }

        if (root is not Dictionary<string, object?> dict)
        {
            return MessageSummaryInfo.Failed($"message_summary_info: top object is {Describe(root)}, expected a dict");
        }

        try
        {
            return new MessageSummaryInfo(
                EditHistory: Map(dict, "ec", EditEvents),
                EditedParts: Indexes(dict, "ep"),
                UnsentParts: Indexes(dict, "rp"),
                OriginalTextRanges: Map(dict, "otr", Range),
                Amc: Optional<long>(dict, "amc"),
                Ust: Optional<bool>(dict, "ust"),
                Euh: Strings(dict, "euh"),
                SummaryText: OptionalRef<string>(dict, "ams"),
                SummarySource: OptionalRef<string>(dict, "amsa"),
                Raw: dict,
                Error: null);
        }
        catch (ShapeException ex)
        {
            return MessageSummaryInfo.Failed($"message_summary_info: {ex.Message}");
        }
    }

    /// <summary>A {"part index": value} dict such as <c>ec</c> and <c>otr</c>.</summary>
    private static Dictionary<int, T> Map<T>(Dictionary<string, object?> dict, string key, Func<object?, string, T> convert)
    {
        var result = new Dictionary<int, T>();
        if (OptionalRef<Dictionary<string, object?>>(dict, key) is not { } map)
        {
            return result;
        }

        foreach (var (part, value) in map)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                throw new ShapeException($"'{key}' has key '{part}', expected a part index");
            }

            result[index] = convert(value, $"{key}[{part}]");
        }

        return result;
    }

    private static IReadOnlyList<MessageEditEvent> EditEvents(object? value, string where)
    {
        if (value is not List<object?> list)
        {
            throw new ShapeException($"'{where}' is {Describe(value)}, expected an array");
        }

        var events = new List<MessageEditEvent>(list.Count);
        foreach (object? item in list)
        {
            if (item is not Dictionary<string, object?> e)
            {
                throw new ShapeException($"'{where}' holds {Describe(item)}, expected a dict");
            }

            DateTimeOffset? date = Field(e, "d") switch
            {
                null => null,
                double seconds => Time.AppleTime.FromSeconds(seconds),
                long integer => Time.AppleTime.ToDateTimeOffset(integer),
                DateTimeOffset d => d,
                var other => throw new ShapeException($"'{where}.d' is {Describe(other)}, expected a number"),
            };
            events.Add(new MessageEditEvent(date, OptionalRef<byte[]>(e, "t", where), OptionalRef<string>(e, "bcg", where)));
        }

        return events;
    }

    private static OriginalTextRange Range(object? value, string where)
    {
        if (value is not Dictionary<string, object?> range)
        {
            throw new ShapeException($"'{where}' is {Describe(value)}, expected a dict");
        }

        return new OriginalTextRange(ToInt(Field(range, "lo") ?? 0L, where + ".lo"), ToInt(Field(range, "le") ?? 0L, where + ".le"));
    }

    private static int[] Indexes(Dictionary<string, object?> dict, string key) =>
        OptionalRef<List<object?>>(dict, key) is { } list ? list.Select(v => ToInt(v, key)).ToArray() : [];

    private static string[] Strings(Dictionary<string, object?> dict, string key) =>
        OptionalRef<List<object?>>(dict, key) is { } list
            ? list.Select(v => v as string ?? throw new ShapeException($"'{key}' holds {Describe(v)}, expected strings")).ToArray()
            : [];

    private static int ToInt(object? value, string where) => value switch
    {
        long n and >= 0 and <= int.MaxValue => (int)n,
        _ => throw new ShapeException($"'{where}' is {Describe(value)}, expected a non-negative integer"),
    };

    private static T? Optional<T>(Dictionary<string, object?> dict, string key)
        where T : struct => Field(dict, key) switch
        {
            null => null,
            T value => value,
            var other => throw new ShapeException($"'{key}' is {Describe(other)}, expected {typeof(T).Name}"),
        };

    private static T? OptionalRef<T>(Dictionary<string, object?> dict, string key, string? where = null)
        where T : class => Field(dict, key) switch
        {
            null => null,
            T value => value,
            var other => throw new ShapeException($"'{(where is null ? key : where + "." + key)}' is {Describe(other)}, expected {typeof(T).Name}"),
        };

    private static object? Field(Dictionary<string, object?> dict, string key) => dict.TryGetValue(key, out var v) ? v : null;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"string \"{(s.Length > 40 ? s[..40] + "…" : s)}\"",
        long n => $"integer {n}",
        _ => $"a {value.GetType().Name}",
    };

    /// <summary>A known key has the wrong shape; caught in <see cref="Parse"/> and turned into Error.</summary>
    private sealed class ShapeException(string message) : Exception(message);
}
