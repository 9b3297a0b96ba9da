namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// The decoded <c>message.message_summary_info</c> bplist: the edit and unsend history of a message's parts.
/// </summary>
/// <remarks>
/// <para>Apple facts: iMessage allows up to 5 edits within 15 minutes and unsend within 2 minutes; edited or
/// unsent rows have <c>text = NULL</c> and <c>date_edited != 0</c>, and their current body is in
/// <c>attributedBody</c>. Part indexes are the <c>__kIMMessagePartAttributeName</c> values of the body runs.
/// A message is fully unsent when <see cref="UnsentParts"/> is non-empty and <c>message.part_count == 0</c>
/// (macOS 26 no longer sets <c>date_retracted</c>; it sets <c>is_empty = 1</c> and still writes <c>rp</c>).</para>
/// <para>Keys whose meaning Apple does not document (<c>amc</c>, <c>ust</c>, <c>euh</c>) are exposed raw.
/// Unknown keys are ignored (still visible in <see cref="Raw"/>).</para>
/// </remarks>
/// <param name="EditHistory">Key <c>ec</c>: part index → versions, oldest (the original) first, newest (current) last.</param>
/// <param name="EditedParts">Key <c>ep</c>: indexes of parts that were edited.</param>
/// <param name="UnsentParts">Key <c>rp</c>: indexes of parts that were unsent (retracted).</param>
/// <param name="OriginalTextRanges">Key <c>otr</c>: part index → where the part sat in the original body.</param>
/// <param name="Amc">Key <c>amc</c> (integer, 0 in every public sample; meaning undocumented), or null.</param>
/// <param name="Ust">Key <c>ust</c> (boolean, true in every public sample; meaning undocumented), or null.</param>
/// <param name="Euh">Key <c>euh</c>: handle ids such as <c>"+0000000000"</c> seen on edited messages (meaning undocumented).</param>
/// <param name="SummaryText">Key <c>ams</c>: a generated summary of the message, or null.</param>
/// <param name="SummarySource">Key <c>amsa</c>: who generated <see cref="SummaryText"/> (e.g. <c>com.apple.siri</c>), or null.</param>
/// <param name="Raw">The whole decoded plist dict (empty when absent or malformed).</param>
/// <param name="Error">Null when the blob was absent or well formed; otherwise why it was rejected, and every other
/// member is empty.</param>
public sealed record MessageSummaryInfo(
    IReadOnlyDictionary<int, IReadOnlyList<MessageEditEvent>> EditHistory,
    IReadOnlyList<int> EditedParts,
    IReadOnlyList<int> UnsentParts,
    IReadOnlyDictionary<int, OriginalTextRange> OriginalTextRanges,
    long? Amc,
    bool? Ust,
    IReadOnlyList<string> Euh,
    string? SummaryText,
    string? SummarySource,
    IReadOnlyDictionary<string, object?> Raw,
    string? Error)
{
    /// <summary>No summary: every collection empty, every scalar and <see cref="Error"/> null.</summary>
    public static MessageSummaryInfo Empty { get; } = new(
        new Dictionary<int, IReadOnlyList<MessageEditEvent>>(), [], [], new Dictionary<int, OriginalTextRange>(),
        null, null, [], null, null, new Dictionary<string, object?>(), null);

    /// <summary>True when some part was edited (<c>ep</c> or <c>ec</c> non-empty).</summary>
    public bool HasEdits => EditedParts.Count > 0 || EditHistory.Count > 0;

    /// <summary>True when some part was unsent (<c>rp</c> non-empty).</summary>
    public bool HasUnsentParts => UnsentParts.Count > 0;

    /// <summary>
    /// Decodes a <c>message_summary_info</c> blob. Never throws: null or empty → <see cref="Empty"/>; anything
    /// malformed (not a bplist, not a dict, a known key of the wrong shape) → <see cref="Empty"/> with
    /// <see cref="Error"/> set. Edit texts are decoded lazily (see <see cref="MessageEditEvent"/>).
    /// </summary>
    public static MessageSummaryInfo Parse(byte[]? blob) => MessageSummaryInfoParser.Parse(blob);

    /// <summary><see cref="Empty"/> with <see cref="Error"/> = <paramref name="error"/>.</summary>
    internal static MessageSummaryInfo Failed(string error) => Empty with { Error = error };
}
