namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// A decoded NSAttributedString: its text and the attribute runs covering it.
/// </summary>
/// <param name="Text">The string (NSString text is stored as UTF-8 in the archive; here it is a .NET UTF-16 string).</param>
/// <param name="Runs">Consecutive, non-overlapping runs in text order; their lengths sum to <c>Text.Length</c>.</param>
public sealed record AttributedString(string Text, IReadOnlyList<AttributeRun> Runs);
