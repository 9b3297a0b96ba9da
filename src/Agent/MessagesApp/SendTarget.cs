namespace LineAgent.Agent.MessagesApp;

/// <summary>Which Messages service a send uses (the account the buddy is resolved in).</summary>
public enum MessagesService
{
    /// <summary>iMessage (AppleScript service type 'sims').</summary>
    IMessage,
    /// <summary>SMS through Text Message Forwarding from an iPhone ('ssms').</summary>
    Sms,
    /// <summary>RCS through the iPhone (macOS 15+): its own account, not SMS.</summary>
    Rcs,
}

/// <summary>Where a message goes: a recipient address, or an existing chat by its chat.db GUID.</summary>
public abstract record SendTarget
{
    /// <summary>The chat.db chat GUIDs this target's rows can land in (used by correlation).</summary>
    public abstract IReadOnlyList<string> CandidateChatGuids { get; }
}

/// <summary>
/// A 1:1 recipient by phone (E.164) or email. Messages files the row under <c>iMessage;-;&lt;handle&gt;</c>,
/// <c>SMS;-;&lt;handle&gt;</c> or, on Tahoe and some Sequoia machines, <c>any;-;&lt;handle&gt;</c>.
/// </summary>
public sealed record HandleTarget(string Handle, MessagesService Service) : SendTarget
{
    /// <inheritdoc />
    public override IReadOnlyList<string> CandidateChatGuids =>
        [$"iMessage;-;{Handle}", $"SMS;-;{Handle}", $"RCS;-;{Handle}", $"any;-;{Handle}"];
}

/// <summary>
/// An existing chat, addressed by its exact chat.db GUID (<c>&lt;service&gt;;&lt;-|+&gt;;&lt;identifier&gt;</c>).
/// The GUID is opaque and used as stored: re-synthesising its prefix breaks on Tahoe (photon PR #43).
/// </summary>
public sealed record ChatTarget : SendTarget
{
    /// <summary>
    /// Creates a chat target. <paramref name="serviceName"/> is chat.service_name when known: it decides the
    /// service of an <c>any;</c> chat (some are SMS or RCS, BlueBubbles PR #832), which the prefix cannot.
    /// Throws <see cref="ArgumentException"/> when the GUID is not of the chat.db shape.
    /// </summary>
    public ChatTarget(string chatGuid, string? serviceName = null)
    {
        var parts = chatGuid.Split(';', 3);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1] is not ("-" or "+") || parts[2].Length == 0)
            throw new ArgumentException($"'{chatGuid}' is not a chat GUID (expected <service>;-;<address> or <service>;+;<id>).", nameof(chatGuid));
        ChatGuid = chatGuid;
        ServicePrefix = parts[0];
        IsGroup = parts[1] == "+";
        Identifier = parts[2];
        Service = ServiceOf(ServicePrefix == "any" ? serviceName : ServicePrefix) ?? ServiceOf(serviceName) ?? MessagesService.IMessage;
    }

    /// <summary>The GUID exactly as chat.db stores it.</summary>
    public string ChatGuid { get; }

    /// <summary>"iMessage", "SMS", "RCS" or "any".</summary>
    public string ServicePrefix { get; }

    /// <summary>True for group chats (<c>;+;</c>).</summary>
    public bool IsGroup { get; }

    /// <summary>The address (1:1) or group identifier after the second ';'.</summary>
    public string Identifier { get; }

    /// <summary>
    /// The service the script's fallbacks use: the GUID's own prefix, or for <c>any;</c> chats chat.service_name
    /// (iMessage when chat.db does not know the chat). RCS is its own service ("any" is not a service type: -1700).
    /// </summary>
    public MessagesService Service { get; }

    /// <summary>The other party's address for a 1:1 chat (enables the buddy fallback), "" for groups.</summary>
    public string DmHandle => IsGroup ? "" : Identifier;

    /// <summary>
    /// A Tahoe group with an old-style identifier (<c>any;+;chat&lt;digits&gt;</c>): AppleScript cannot address it on
    /// macOS 26 (`chat id` fails with -1728 or writes an empty "ghost" row on an SMS handle, imsg #90).
    /// </summary>
    public bool IsUnaddressableTahoeGroup => ServicePrefix == "any" && IsGroup && Identifier.Length > 4
        && Identifier.StartsWith("chat", StringComparison.Ordinal) && Identifier[4..].All(char.IsAsciiDigit);

    /// <summary>
    /// The chat itself and, for a 1:1 chat, the chats the script's buddy fallback can write into: the fallback
    /// service's own 1:1 chat with the same address (a second chat when the GUID is stale or "any;", imsg #16)
    /// and Tahoe's "any;" form of it. No group and no other address.
    /// </summary>
    public override IReadOnlyList<string> CandidateChatGuids => IsGroup
        ? [ChatGuid]
        : new[] { ChatGuid, $"{Prefix(Service)};-;{Identifier}", $"any;-;{Identifier}" }.Distinct(StringComparer.Ordinal).ToList();

    private static string Prefix(MessagesService service) => service switch
    {
        MessagesService.Sms => "SMS",
        MessagesService.Rcs => "RCS",
        _ => "iMessage",
    };

    private static MessagesService? ServiceOf(string? name) => name switch
    {
        "iMessage" => MessagesService.IMessage,
        "SMS" => MessagesService.Sms,
        "RCS" => MessagesService.Rcs,
        _ => null,
    };
}
