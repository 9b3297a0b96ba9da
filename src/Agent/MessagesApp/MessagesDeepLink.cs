using System.Text.RegularExpressions;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// Builds the deep links the accessibility driver opens (Beeper MessagesDeepLink.swift): <c>address=</c> for one
/// recipient, <c>addresses=a,b</c> for a new group, <c>groupid=</c> for an existing group, <c>message-guid=</c>
/// (optionally <c>&amp;overlay=1</c>) to select a message. The colon-only form <c>imessage:open?…</c> is what Beeper
/// ships on 11–26 (<c>imessage://open</c> risks being read as the handle "open", reference §1.2). Every value is
/// percent-encoded ('+' as %2B); the link travels as one argv item to /usr/bin/open, never as script text.
/// </summary>
public static partial class MessagesDeepLink
{
    /// <summary>A link that opens the conversation with <paramref name="target"/>.</summary>
    public static string ForConversation(SendTarget target)
    {
        var query = target switch
        {
            HandleTarget h => "address=" + Uri.EscapeDataString(h.Handle),
            ChatTarget { IsGroup: false } c => "address=" + Uri.EscapeDataString(c.Identifier),
            ChatTarget c => "groupid=" + Uri.EscapeDataString(c.Identifier),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return "imessage:open?" + query;
    }

    /// <summary>
    /// A link that selects the message with <paramref name="messageGuid"/> (and, with <paramref name="overlay"/>, opens
    /// its reply transcript). Throws for a GUID that is not a plain message GUID (Beeper refuses "_" part ids too).
    /// </summary>
    public static string ForMessage(string messageGuid, bool overlay = false) =>
        MessageGuid().IsMatch(messageGuid)
            ? "imessage:open?message-guid=" + Uri.EscapeDataString(messageGuid) + (overlay ? "&overlay=1" : "")
            : throw new ArgumentException($"'{messageGuid}' is not a message GUID Messages can open.", nameof(messageGuid));

    /// <summary>A new conversation addressed to every participant (the text is set through the compose field).</summary>
    public static string ForNewGroup(IReadOnlyList<string> addresses) =>
        "imessage:open?addresses=" + string.Join(',', addresses.Select(Uri.EscapeDataString));

    [GeneratedRegex(@"\A[A-Za-z0-9:-]{1,100}\z")]
    private static partial Regex MessageGuid();
}
