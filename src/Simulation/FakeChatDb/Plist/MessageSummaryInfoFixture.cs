using LineAgent.ChatDbReader.Time;

namespace LineAgent.FakeChatDb;

/// <summary>One version of an edited part for <see cref="MessageSummaryInfoFixture.Edited"/>.</summary>
/// <param name="Date">When the version was written (stored as <c>d</c>, seconds since 2001 as a double).</param>
/// <param name="AttributedBody">The version's typedstream body (stored as <c>t</c>).</param>
/// <param name="BalloonMessageGuid">Optional <c>bcg</c> (set by Messages when an edit turned the part into a link).</param>
public sealed record EditVersion(DateTimeOffset Date, byte[] AttributedBody, string? BalloonMessageGuid = null)
{
    /// <summary>A version whose body is <paramref name="text"/> encoded by <see cref="TypedStreamEncoder"/>.</summary>
    public static EditVersion Of(DateTimeOffset date, string text, string? balloonMessageGuid = null) =>
        new(date, TypedStreamEncoder.Encode(text), balloonMessageGuid);
}

/// <summary>
/// Builds <c>message.message_summary_info</c> blobs as Messages writes them — byte-identical to the public vectors
/// Edited.plist and Deleted.plist given the same inputs: <c>amc = 0</c>, <c>ust = true</c>, <c>otr</c> with the
/// original ranges, plus <c>ec</c>/<c>ep</c> for edits or <c>rp</c> for unsends, keys in Messages' order.
/// </summary>
public static class MessageSummaryInfoFixture
{
    /// <summary>
    /// Part <paramref name="part"/> edited: <c>ec[part]</c> = the versions (first = original, last = current),
    /// <c>ep = [part]</c>, <c>otr[part] = {lo: originalLocation, le: originalLength}</c>.
    /// </summary>
    public static byte[] Edited(IReadOnlyList<EditVersion> versions, int part = 0, int originalLocation = 0, int originalLength = 0)
    {
        var events = versions.Select(v =>
        {
            // Key order as in Messages' own blobs (Edited.plist: t, d; EditedToLink.plist: bcg, d, t).
            var e = v.BalloonMessageGuid is null
                ? new Dictionary<string, object?> { ["t"] = v.AttributedBody, ["d"] = AppleTime.ToSeconds(v.Date) }
                : new Dictionary<string, object?> { ["bcg"] = v.BalloonMessageGuid, ["d"] = AppleTime.ToSeconds(v.Date), ["t"] = v.AttributedBody };
            return (object?)e;
        }).ToList();

        return BinaryPlistWriter.Write(new Dictionary<string, object?>
        {
            ["amc"] = 0L,
            ["ec"] = new Dictionary<string, object?> { [Key(part)] = events },
            ["ust"] = true,
            ["ep"] = new List<object?> { (long)part },
            ["otr"] = Ranges((part, originalLocation, originalLength)),
        });
    }

    /// <summary>
    /// Parts <paramref name="unsentParts"/> unsent (<c>rp</c>), with <c>otr</c> giving each part's original range.
    /// A message whose every part is unsent also has <c>part_count = 0</c> (and on macOS 26 <c>is_empty = 1</c>).
    /// </summary>
    public static byte[] Unsent(IReadOnlyList<int> unsentParts, params (int Part, int Location, int Length)[] originalRanges) =>
        BinaryPlistWriter.Write(new Dictionary<string, object?>
        {
            ["amc"] = 0L,
            ["ust"] = true,
            ["otr"] = Ranges(originalRanges),
            ["rp"] = unsentParts.Select(p => (object?)(long)p).ToList(),
        });

    private static Dictionary<string, object?> Ranges(params (int Part, int Location, int Length)[] ranges) =>
        ranges.ToDictionary(
            r => Key(r.Part),
            r => (object?)new Dictionary<string, object?> { ["lo"] = (long)r.Location, ["le"] = (long)r.Length });

    private static string Key(int part) => part.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
