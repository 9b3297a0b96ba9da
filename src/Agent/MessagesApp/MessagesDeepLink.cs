namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// Builds the imessage:// deep links the UI scripts open (Beeper MessagesDeepLink.swift): <c>address=</c> for
/// one recipient, <c>addresses=a,b</c> for a new group, <c>groupid=</c> for an existing group,
/// <c>message-guid=…&amp;overlay=1</c> to select a message, <c>body=</c> to prefill the compose field.
/// Every value is percent-encoded here; the script receives the finished URL as argv data.
/// </summary>
public static class MessagesDeepLink
{
    /// <summary>A link that opens the conversation with <paramref name="target"/>, optionally with a prefilled body.</summary>
    public static string ForConversation(SendTarget target, string? body = null)
    {
        var query = target switch
        {
            HandleTarget h => "address=" + Uri.EscapeDataString(h.Handle),
            ChatTarget { IsGroup: false } c => "address=" + Uri.EscapeDataString(c.Identifier),
            ChatTarget c => "groupid=" + Uri.EscapeDataString(c.Identifier),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return "imessage://open?" + query + Body(body);
    }

    /// <summary>A link that selects the message with <paramref name="messageGuid"/> (for tapbacks).</summary>
    public static string ForMessage(string messageGuid) =>
        "imessage://open?message-guid=" + Uri.EscapeDataString(messageGuid) + "&overlay=1";

    /// <summary>A compose window addressed to every participant, with the first message prefilled.</summary>
    public static string ForNewGroup(IReadOnlyList<string> addresses, string body) =>
        "imessage://open?addresses=" + string.Join(',', addresses.Select(Uri.EscapeDataString)) + Body(body);

    private static string Body(string? body) => body is null ? "" : "&body=" + Uri.EscapeDataString(body);
}
