namespace LineAgent.Agent.MessagesApp;

/// <summary>Which Messages service a send uses (the account the buddy is resolved in).</summary>
public enum MessagesService
{
    /// <summary>iMessage (AppleScript service type 'sims').</summary>
    IMessage,
    /// <summary>SMS through Text Message Forwarding from an iPhone ('ssms').</summary>
    Sms,
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
    /// <summary>Creates a chat target. Throws <see cref="ArgumentException"/> when the GUID is not of the chat.db shape.</summary>
    public ChatTarget(string chatGuid)
    {
        var parts = chatGuid.Split(';', 3);
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1] is not ("-" or "+") || parts[2].Length == 0)
            throw new ArgumentException($"'{chatGuid}' is not a chat GUID (expected <service>;-;<address> or <service>;+;<id>).", nameof(chatGuid));
        ChatGuid = chatGuid;
        ServicePrefix = parts[0];
        IsGroup = parts[1] == "+";
        Identifier = parts[2];
    }

    /// <summary>The GUID exactly as chat.db stores it.</summary>
    public string ChatGuid { get; }

    /// <summary>"iMessage", "SMS", "RCS" or "any".</summary>
    public string ServicePrefix { get; }

    /// <summary>True for group chats (<c>;+;</c>).</summary>
    public bool IsGroup { get; }

    /// <summary>The address (1:1) or group identifier after the second ';'.</summary>
    public string Identifier { get; }

    /// <summary>The service the script's fallbacks use: SMS for SMS/RCS chats, iMessage otherwise ("any" is not a service type: -1700).</summary>
    public MessagesService Service => ServicePrefix is "SMS" or "RCS" ? MessagesService.Sms : MessagesService.IMessage;

    /// <summary>The other party's address for a 1:1 chat (enables the buddy fallback), "" for groups.</summary>
    public string DmHandle => IsGroup ? "" : Identifier;

    /// <inheritdoc />
    public override IReadOnlyList<string> CandidateChatGuids => [ChatGuid];
}
