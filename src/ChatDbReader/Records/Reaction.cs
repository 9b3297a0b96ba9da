namespace LineAgent.ChatDbReader.Records;

/// <summary>
/// A tapback row. Removing a tapback inserts a new 3xxx row (<see cref="Removed"/>); the 2xxx row stays.
/// </summary>
/// <param name="Type">Which tapback.</param>
/// <param name="Emoji">associated_message_emoji for <see cref="ReactionType.Emoji"/>, else null.</param>
/// <param name="Removed">True for 3000–3007 rows.</param>
/// <param name="TargetGuid">GUID of the message reacted to (from "p:N/GUID", "bp:GUID" or a bare GUID); null when absent.</param>
/// <param name="TargetPart">Body part N of "p:N/GUID"; 0 for "bp:GUID" (the whole balloon); null for a bare GUID.</param>
public sealed record Reaction(ReactionType Type, string? Emoji, bool Removed, string? TargetGuid, int? TargetPart)
{
    /// <summary>Parses associated_message_guid: "p:2/GUID" → (GUID, 2), "bp:GUID" → (GUID, 0), "GUID" → (GUID, null).</summary>
    public static (string? Guid, int? Part) ParseTarget(string? associatedGuid)
    {
        if (string.IsNullOrEmpty(associatedGuid))
            return (null, null);
        if (associatedGuid.StartsWith("bp:", StringComparison.Ordinal))
            return (associatedGuid[3..], 0);
        if (associatedGuid.StartsWith("p:", StringComparison.Ordinal))
        {
            var slash = associatedGuid.IndexOf('/');
            if (slash > 2 && int.TryParse(associatedGuid.AsSpan(2, slash - 2), System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var part))
                return (associatedGuid[(slash + 1)..], part);
            return (slash > 0 ? associatedGuid[(slash + 1)..] : associatedGuid, null);
        }
        return (associatedGuid, null);
    }

    /// <summary>The reaction described by associated_message_type (and emoji/target), or null when the row is not a tapback.</summary>
    public static Reaction? FromRow(long associatedMessageType, string? associatedGuid, string? emoji)
    {
        ReactionType type;
        var removed = false;
        switch (associatedMessageType)
        {
            case 1000: type = ReactionType.Sticker; break;
            case >= 2000 and <= 2007: type = (ReactionType)(associatedMessageType - 2000); break;
            case >= 3000 and <= 3007: type = (ReactionType)(associatedMessageType - 3000); removed = true; break;
            default: return null;
        }
        var (guid, part) = ParseTarget(associatedGuid);
        return new Reaction(type, type == ReactionType.Emoji ? emoji : null, removed, guid, part);
    }
}
