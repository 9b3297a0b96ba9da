using LineAgent.Agent.MessagesApp;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Correlation;

/// <summary>What the row(s) of one script call look like: a predicate over from-me rows after the snapshot.</summary>
/// <param name="Description">For logs and error messages, e.g. "text in iMessage;-;+1555…".</param>
/// <param name="Matches">True for the row the call produced.</param>
/// <param name="DetectGhosts">True for sends where an empty unjoined row means "misrouted" (chat-targeted sends).</param>
/// <param name="Timeout">How long to look.</param>
public sealed record CorrelationExpectation(string Description, Func<MessageRecord, bool> Matches, bool DetectGhosts, TimeSpan Timeout)
{
    /// <summary>A text (or bare URL) sent to <paramref name="target"/>: same chat, same text, exactly.</summary>
    public static CorrelationExpectation Text(SendTarget target, string text, TimeSpan timeout)
    {
        var chats = target.CandidateChatGuids;
        return new("text", row => row.Kind == MessageKind.Message && InChat(row, chats) && TextEquals(row.Text, text),
            target is ChatTarget, timeout);
    }

    /// <summary>A file sent to <paramref name="target"/>: same chat, an attachment with this transfer name.</summary>
    public static CorrelationExpectation File(SendTarget target, string transferName, TimeSpan timeout)
    {
        var chats = target.CandidateChatGuids;
        return new("attachment", row => InChat(row, chats)
            && row.Attachments.Any(a => string.Equals(a.TransferName, transferName, StringComparison.Ordinal)),
            target is ChatTarget, timeout);
    }

    /// <summary>
    /// A tapback of <paramref name="kind"/> on part <paramref name="part"/> of <paramref name="messageGuid"/> (added, or
    /// removed): "p:N/GUID" must name that part; "bp:GUID" (the whole balloon) and a bare GUID count as part 0. A tapback
    /// on another part of the same message is not this one.
    /// </summary>
    public static CorrelationExpectation Tapback(string messageGuid, int part, ReactionType kind, bool removed, TimeSpan timeout) =>
        new("tapback", row => row.Reaction is { } r && string.Equals(r.TargetGuid, messageGuid, StringComparison.OrdinalIgnoreCase)
            && (r.TargetPart ?? 0) == part && r.Type == kind && r.Removed == removed, false, timeout);

    /// <summary>The first message of a new group: text in a group chat with every recipient.</summary>
    public static CorrelationExpectation NewGroup(IReadOnlyList<string> recipients, string text, Func<string, ChatRecord?> chat, TimeSpan timeout) =>
        new("new group", row => row.Kind == MessageKind.Message && TextEquals(row.Text, text)
            && row.ChatGuids.Any(g => chat(g) is { IsGroup: true } c && recipients.All(r => c.Participants.Contains(r, StringComparer.OrdinalIgnoreCase))),
            false, timeout);

    /// <summary>The group change row for adding or removing <paramref name="handle"/> in <paramref name="chatGuid"/>.</summary>
    public static CorrelationExpectation Participant(string chatGuid, string handle, bool added, TimeSpan timeout) =>
        new(added ? "participant added" : "participant removed", row => row.GroupEvent is { } e
            && e.Type == (added ? GroupEventType.ParticipantAdded : GroupEventType.ParticipantRemoved)
            && string.Equals(e.Handle, handle, StringComparison.OrdinalIgnoreCase)
            && row.ChatGuids.Contains(chatGuid, StringComparer.Ordinal), false, timeout);

    private static bool InChat(MessageRecord row, IReadOnlyList<string> chats) =>
        row.ChatGuids.Any(g => chats.Contains(g, StringComparer.OrdinalIgnoreCase));

    // Messages stores the text it was given; only line endings are normalised here, defensively.
    private static bool TextEquals(string? stored, string expected) =>
        stored is not null && (string.Equals(stored, expected, StringComparison.Ordinal)
            || string.Equals(stored.Replace("\r\n", "\n"), expected.Replace("\r\n", "\n"), StringComparison.Ordinal));
}
