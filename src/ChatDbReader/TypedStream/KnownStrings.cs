using System.Text;

namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// Shared, immutable string instances for the attribute keys Messages writes in every body, so decoding a body does
/// not allocate its keys again. Thread-safe: the table is built once and never changes.
/// </summary>
internal static class KnownStrings
{
    private static readonly (byte[] Utf8, string Value)[] Keys = Build(
        AttributeNames.MessagePart,
        AttributeNames.FileTransferGuid,
        AttributeNames.Filename,
        AttributeNames.InlineMediaWidth,
        AttributeNames.InlineMediaHeight,
        AttributeNames.BaseWritingDirection,
        AttributeNames.Link,
        AttributeNames.LinkIsRichLink,
        AttributeNames.DataDetected,
        AttributeNames.MentionConfirmedMention,
        AttributeNames.OneTimeCode,
        AttributeNames.CalendarEvent,
        AttributeNames.PhoneNumber,
        AttributeNames.Address,
        AttributeNames.Money,
        AttributeNames.TextBold,
        AttributeNames.TextItalic,
        AttributeNames.TextUnderline,
        AttributeNames.TextStrikethrough,
        AttributeNames.TextEffect,
        AttributeNames.EmojiImage,
        AttributeNames.BreadcrumbTextMarker,
        AttributeNames.BreadcrumbTextOptionFlags,
        AttributeNames.AudioTranscription);

    private static (byte[], string)[] Build(params string[] values)
    {
        var result = new (byte[], string)[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (Encoding.UTF8.GetBytes(values[i]), values[i]);
        }

        return result;
    }

    /// <summary>Decodes UTF-8 <paramref name="utf8"/>, returning a shared instance for well-known attribute names.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0)
        {
            return string.Empty;
        }

        if (utf8.Length >= 18 && (utf8[0] == (byte)'_' || utf8[0] == (byte)'I'))
        {
            foreach (var (bytes, value) in Keys)
            {
                if (bytes.Length == utf8.Length && utf8.SequenceEqual(bytes))
                {
                    return value;
                }
            }
        }

        // Invalid UTF-8 becomes U+FFFD: Messages always writes valid UTF-8, and a readable body beats an error here.
        return Encoding.UTF8.GetString(utf8);
    }
}
