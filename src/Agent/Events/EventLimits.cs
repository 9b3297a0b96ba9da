namespace LineAgent.Agent.Events;

/// <summary>
/// What one event may carry. A message's text is copied into an event three times (message.text, its parts, the
/// gRPC Message), so a multi-megabyte row would make an event larger than any stream can send
/// (Grpc:MaxSendMessageBytes) and block every stream at it. Events therefore carry at most
/// <see cref="MaxTextChars"/> of the text, with message.text_truncated = true; GetMessage returns all of it.
/// </summary>
public static class EventLimits
{
    /// <summary>The most UTF-16 code units of a message's text an event carries: 65,536 (~64 K characters).</summary>
    public const int MaxTextChars = 65_536;

    /// <summary>
    /// <paramref name="message"/> and <paramref name="parts"/> cut to <paramref name="maxChars"/> of text (never inside
    /// a surrogate pair): parts after the cut are dropped, the part across it is shortened, and
    /// <see cref="MessageData.TextTruncated"/> is set. Unchanged when the text fits.
    /// </summary>
    public static (MessageData Message, IReadOnlyList<PartData> Parts) Cap(MessageData message, IReadOnlyList<PartData> parts,
        int maxChars = MaxTextChars)
    {
        var partChars = 0L;
        foreach (var p in parts)
            partChars += p.Text.Length;
        if ((message.Text?.Length ?? 0) <= maxChars && partChars <= maxChars)
            return (message, parts);

        var text = message.Text is { } t && t.Length > maxChars ? Cut(t, maxChars) : message.Text;
        var kept = new List<PartData>();
        var budget = maxChars;
        foreach (var p in parts)
        {
            if (budget <= 0)
                break;
            var cut = p.Text.Length <= budget ? p.Text : Cut(p.Text, budget);
            if (cut.Length == 0)
                break;
            kept.Add(cut.Length == p.Text.Length ? p : p with { Text = cut, Length = cut.Length });
            budget -= cut.Length;
        }
        return (message with { Text = text, TextTruncated = true }, kept);
    }

    private static string Cut(string text, int max) =>
        text[..(max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
}
