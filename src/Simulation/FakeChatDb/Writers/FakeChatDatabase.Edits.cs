namespace LineAgent.FakeChatDb;

public sealed partial class FakeChatDatabase
{
    private readonly Dictionary<long, List<(string Text, double Date)>> _editHistory = new();

    /// <summary>
    /// Edits part 0 of <paramref name="message"/> to <paramref name="newText"/>, as Messages does: text column NULL,
    /// attributedBody = the new body, date_edited set, message_summary_info (binary plist) with otr (original range),
    /// ec {"0": [original, …, current]} (t = typedstream, d = seconds since 2001) and ep [0].
    /// </summary>
    public void Edit(FakeMessage message, string newText, DateTimeOffset? at = null, string? originalText = null)
    {
        var when = at ?? Clock();
        var history = EditHistory(message, originalText);
        history.Add((newText, ToAppleSeconds(when)));
        var summary = new Dictionary<string, object?>
        {
            ["amc"] = 1L,
            ["ust"] = true,
            ["otr"] = OriginalRanges(history[0].Text),
            ["ec"] = new Dictionary<string, object?>
            {
                ["0"] = history.Select(h => (object?)new Dictionary<string, object?>
                {
                    ["d"] = h.Date,
                    ["t"] = TypedStreamEncoder.Encode(h.Text),
                }).ToList(),
            },
            ["ep"] = new List<object?> { 0L },
        };
        Execute("UPDATE message SET text = NULL, attributedBody = $b, date_edited = $d, message_summary_info = $s WHERE ROWID = $id",
            ("$b", TypedStreamEncoder.Encode(newText)), ("$d", ToAppleNanoseconds(when)),
            ("$s", BinaryPlistWriter.Write(summary)), ("$id", message.RowId));
    }

    /// <summary>
    /// Unsends <paramref name="message"/>. Every part (default): text and attributedBody NULL, part_count 0,
    /// date_edited set, message_summary_info rp [0…] (unsent parts) + otr; before macOS 26 also date_retracted, on
    /// Tahoe is_empty = 1 instead (macOS 26 stopped setting date_retracted). Some parts
    /// (<paramref name="parts"/> with <paramref name="remainingText"/>): the body becomes the remaining text and
    /// part_count the number of parts left.
    /// </summary>
    public void Unsend(FakeMessage message, DateTimeOffset? at = null, IReadOnlyList<int>? parts = null, string? remainingText = null,
        int totalParts = 1)
    {
        var when = ToAppleNanoseconds(at ?? Clock());
        var unsent = parts ?? Enumerable.Range(0, totalParts).ToList();
        var left = Math.Max(0, totalParts - unsent.Count);
        var original = _knownTexts.GetValueOrDefault(message.RowId) ?? "";
        var summary = new Dictionary<string, object?>
        {
            ["amc"] = 1L,
            ["ust"] = true,
            ["otr"] = OriginalRanges(original),
            ["rp"] = unsent.Select(p => (object?)(long)p).ToList(),
        };
        var tahoe = Variant == SchemaVariant.Tahoe;
        Execute($"""
            UPDATE message SET text = NULL, attributedBody = $b, part_count = $pc, date_edited = $d,
                {(tahoe ? "is_empty = $empty" : "date_retracted = $d")}, message_summary_info = $s
            WHERE ROWID = $id
            """,
            ("$b", left == 0 || remainingText is null ? null : TypedStreamEncoder.Encode(remainingText)), ("$pc", left),
            ("$d", when), ("$empty", left == 0 ? 1 : 0), ("$s", BinaryPlistWriter.Write(summary)), ("$id", message.RowId));
    }

    /// <summary>Same as <see cref="Edit"/> (the name used in the team contract).</summary>
    public void MarkEdited(FakeMessage message, string newText, DateTimeOffset? at = null) => Edit(message, newText, at);

    /// <summary>Same as <see cref="Unsend"/> of every part (the name used in the team contract).</summary>
    public void MarkUnsent(FakeMessage message, DateTimeOffset? at = null) => Unsend(message, at);

    private List<(string Text, double Date)> EditHistory(FakeMessage message, string? originalText)
    {
        if (_editHistory.TryGetValue(message.RowId, out var history))
            return history;
        var text = originalText ?? _knownTexts.GetValueOrDefault(message.RowId)
            ?? Scalar("SELECT text FROM message WHERE ROWID = $id", ("$id", message.RowId)) as string ?? "";
        var date = (long)(Scalar("SELECT date FROM message WHERE ROWID = $id", ("$id", message.RowId)) ?? 0L);
        history = [(text, date / 1e9)];
        _editHistory[message.RowId] = history;
        return history;
    }

    private static Dictionary<string, object?> OriginalRanges(string text) => new()
    {
        ["0"] = new Dictionary<string, object?> { ["lo"] = 0L, ["le"] = (long)text.Length },
    };
}
