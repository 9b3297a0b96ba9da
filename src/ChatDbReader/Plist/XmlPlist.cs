using System.Globalization;
using System.Xml;

namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// Reader for XML property lists (<c>&lt;plist version="1.0"&gt;</c>), mapped to the same values as
/// <see cref="BinaryPlist"/>: dict → Dictionary of string → object?, array → List of object?, string, integer
/// (long), real (double), true/false (bool), date (DateTimeOffset, UTC), data (byte[]).
/// </summary>
/// <remarks>
/// Messages writes <c>message_summary_info</c> as a binary plist; XML is accepted defensively (a row written by
/// another tool, an export re-imported). The reader is hostile-input safe: DTDs are ignored (never fetched or
/// expanded), the document size is capped and nesting is bounded by <see cref="BinaryPlist.MaxDepth"/>.
/// </remarks>
public static class XmlPlist
{
    /// <summary>Largest document accepted, in characters.</summary>
    public const long MaxCharacters = 16 * 1024 * 1024;

    /// <summary>True when <paramref name="data"/> looks like an XML plist (optional BOM and whitespace, then "&lt;").</summary>
    public static bool LooksLikeXml(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            data = data[3..];
        var trimmed = data.TrimStart(" \t\r\n"u8);
        return trimmed.StartsWith("<?xml"u8) || trimmed.StartsWith("<plist"u8) || trimmed.StartsWith("<!DOCTYPE"u8);
    }

    /// <summary>Decodes a whole XML plist. Throws only <see cref="PlistFormatException"/>.</summary>
    public static object? Parse(byte[] data)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "plist")
                throw Bad($"the root element is <{reader.Name}>, expected <plist>");
            if (reader.IsEmptyElement)
                throw Bad("<plist> is empty");
            reader.Read();
            var top = ReadValue(reader, 0);
            if (reader.NodeType != XmlNodeType.EndElement || reader.Name != "plist")
                throw Bad("<plist> holds more than one value");
            return top;
        }
        catch (XmlException ex)
        {
            throw Bad(ex.Message);
        }
    }

    // Reads the element the reader is on and leaves the reader on the node after it.
    private static object? ReadValue(XmlReader reader, int depth)
    {
        if (reader.NodeType != XmlNodeType.Element)
            throw Bad($"expected a value element, found {reader.NodeType}");
        if (depth > BinaryPlist.MaxDepth)
            throw new PlistFormatException(PlistError.TooDeep, $"containers nested deeper than {BinaryPlist.MaxDepth}");
        var name = reader.Name;
        switch (name)
        {
            case "dict":
                return ReadDict(reader, depth);
            case "array":
                return ReadArray(reader, depth);
            case "true":
            case "false":
                reader.Skip();
                return name == "true";
        }

        var text = reader.ReadElementContentAsString();
        return name switch
        {
            "string" => text,
            "integer" => long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? i : throw new PlistFormatException(PlistError.BadValue, $"<integer> '{Short(text)}' is not a 64-bit integer"),
            "real" => double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d : throw new PlistFormatException(PlistError.BadValue, $"<real> '{Short(text)}' is not a number"),
            "date" => DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
                ? date : throw new PlistFormatException(PlistError.BadValue, $"<date> '{Short(text)}' is not an ISO 8601 date"),
            "data" => Base64(text),
            _ => throw Bad($"<{name}> is not a plist element"),
        };
    }

    private static Dictionary<string, object?> ReadDict(XmlReader reader, int depth)
    {
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return dict;
        }
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "key")
                throw new PlistFormatException(PlistError.BadKey, $"a <dict> holds <{reader.Name}> where a <key> belongs");
            var key = reader.ReadElementContentAsString();
            if (reader.NodeType == XmlNodeType.EndElement)
                throw Bad($"<key>{Short(key)}</key> has no value");
            if (!dict.TryAdd(key, ReadValue(reader, depth + 1)))
                throw new PlistFormatException(PlistError.DuplicateKey, $"the key '{Short(key)}' appears twice");
        }
        reader.Read();
        return dict;
    }

    private static List<object?> ReadArray(XmlReader reader, int depth)
    {
        var list = new List<object?>();
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return list;
        }
        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
            list.Add(ReadValue(reader, depth + 1));
        reader.Read();
        return list;
    }

    private static byte[] Base64(string text)
    {
        try
        {
            return Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            throw new PlistFormatException(PlistError.BadValue, "<data> is not base64");
        }
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..37] + "…";

    private static PlistFormatException Bad(string reason) => new(PlistError.BadXml, reason);
}
