using LineAgent.ChatDbReader.TypedStream;

namespace LineAgent.ChatDbReader.Bodies;

/// <summary>
/// Turns <c>message.attributedBody</c> (a typedstream NSAttributedString) and <c>message.text</c> into a
/// <see cref="MessageBody"/>.
/// </summary>
/// <remarks>
/// Apple facts this relies on:
/// <list type="bullet">
/// <item>All offsets and lengths are UTF-16 code units, NSString's unit: an emoji outside the BMP counts 2, a
/// U+FFFC attachment placeholder counts 1. They index <see cref="MessageBody.Text"/> (a .NET string) directly; they
/// are not UTF-8 byte offsets and not code-point counts.</item>
/// <item>Messages puts <c>__kIMMessagePartAttributeName</c> (part index 0, 1, 2…) on every run; tapbacks
/// (<c>p:N/GUID</c>) and edits/unsends (<c>message_summary_info</c>) refer to those indices.</item>
/// <item>Each attachment is a U+FFFC character whose run carries <c>__kIMFileTransferGUIDAttributeName</c> =
/// <c>attachment.guid</c>; the placeholder is kept in the text so offsets stay valid.</item>
/// <item>Recent macOS versions leave <c>message.text</c> NULL for many rows and store the text only in
/// <c>attributedBody</c>; older rows may have only <c>text</c>.</item>
/// </list>
/// </remarks>
public static class MessageBodyDecoder
{
    /// <summary>
    /// Decodes the typedstream first; falls back to the text column when the blob is absent or malformed.
    /// Never throws for any blob content.
    /// </summary>
    /// <param name="attributedBody">The <c>attributedBody</c> column (empty or null for none).</param>
    /// <param name="textColumn">The <c>text</c> column, or null.</param>
    /// <param name="error">Why a non-empty blob could not be decoded (the caller should log it); null when the blob
    /// decoded or was absent.</param>
    /// <returns>The body; null when the blob is absent or undecodable and the text column is null.
    /// The text-column fallback has one part (index 0) covering the whole text, or none when it is empty.</returns>
    public static MessageBody? Decode(ReadOnlySpan<byte> attributedBody, string? textColumn, out TypedStreamError? error) =>
        DecodeArchive(attributedBody, out error) is { } decoded ? FromAttributedString(decoded)
        : textColumn is null ? null : FromPlainText(textColumn);

    /// <summary>
    /// <see cref="Decode"/>'s <see cref="MessageBody.Text"/> alone (null where it returns null), without building the
    /// parts: for a reader that shows only the text (the export), which then skips a third of the decoding's cost.
    /// </summary>
    public static string? DecodeText(ReadOnlySpan<byte> attributedBody, string? textColumn, out TypedStreamError? error) =>
        DecodeArchive(attributedBody, out error)?.Text ?? textColumn;

    /// <summary>The typedstream decoded; null when the blob is absent (no error) or malformed (its error).</summary>
    private static AttributedString? DecodeArchive(ReadOnlySpan<byte> attributedBody, out TypedStreamError? error)
    {
        error = null;
        if (attributedBody.IsEmpty)
            return null;
        try
        {
            return TypedStreamDecoder.Decode(attributedBody);
        }
        catch (TypedStreamFormatException ex)
        {
            error = ex.Error;
            return null;
        }
    }

    /// <summary>
    /// Builds the parts of a decoded body: one <see cref="BodyPart"/> per maximal stretch of consecutive runs with the
    /// same part index, attachment GUID, mention and link (formatting-only differences such as bold do not split a
    /// part). A run without a part index continues the previous run's index (0 at the start).
    /// </summary>
    public static MessageBody FromAttributedString(AttributedString decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        // Spans first, substrings once at the end: merging by re-slicing would copy the text once per merged run.
        var runs = decoded.Runs;
        var spans = runs.Count == 0 ? [] : new PartSpan[runs.Count]; // at most one span per run
        var count = 0;
        var index = 0;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var attributes = run.Attributes;
            index = PartIndex(attributes, index);
            var span = new PartSpan(index, run.Start, run.Length,
                attributes.TryGetValue(AttributeNames.FileTransferGuid, out var g) ? g as string : null,
                attributes.TryGetValue(AttributeNames.MentionConfirmedMention, out var m) ? m as string : null,
                attributes.TryGetValue(AttributeNames.Link, out var l) ? LinkText(l) : null);

            if (count > 0 && spans[count - 1].Continues(span))
            {
                spans[count - 1] = spans[count - 1] with { Length = spans[count - 1].Length + span.Length };
                continue;
            }

            spans[count++] = span;
        }

        var text = decoded.Text;
        var parts = count == 0 ? [] : new BodyPart[count];
        for (var i = 0; i < parts.Length; i++)
        {
            var s = spans[i];
            parts[i] = new BodyPart(s.Index, s.Start, s.Length, text.Substring(s.Start, s.Length), s.AttachmentGuid,
                s.MentionHandle, s.Link);
        }

        return new MessageBody(text, parts);
    }

    /// <summary>A body from the <c>text</c> column alone: one part 0 covering the text (none when empty).</summary>
    public static MessageBody FromPlainText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MessageBody(text, text.Length == 0 ? [] : [new BodyPart(0, 0, text.Length, text, null, null, null)]);
    }

    private static int PartIndex(IReadOnlyDictionary<string, object?> attributes, int previous) =>
        attributes.TryGetValue(AttributeNames.MessagePart, out var value)
            ? value switch
            {
                long n and >= 0 and <= int.MaxValue => (int)n,
                double d when d >= 0 && d <= int.MaxValue && d == Math.Floor(d) => (int)d,
                _ => previous,
            }
            : previous;

    private static string? LinkText(object? value) => value switch
    {
        TypedStreamUrl url => url.Value,
        string s => s,
        _ => null,
    };

    private readonly record struct PartSpan(int Index, int Start, int Length, string? AttachmentGuid,
        string? MentionHandle, string? Link)
    {
        /// <summary>True when <paramref name="next"/> directly follows this span and shows the same part.</summary>
        public bool Continues(PartSpan next) =>
            next.Length > 0 && Start + Length == next.Start && Index == next.Index
            && AttachmentGuid == next.AttachmentGuid && MentionHandle == next.MentionHandle && Link == next.Link;
    }
}
