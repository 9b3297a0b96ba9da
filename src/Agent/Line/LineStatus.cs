namespace LineAgent.Agent.Line;

/// <summary>Features a line may offer (see messages-automation §1.11: several need UI scripting).</summary>
public enum LineCapability
{
    SendText = 1,
    SendAttachments = 2,
    SendLocation = 3,
    Tapbacks = 4,
    Typing = 5,
    GroupCreate = 6,
    ParticipantChanges = 7,
    RichLinks = 8,
    Replies = 9,
    Edits = 10,
    Unsends = 11,
    MarkRead = 12,
    GroupRename = 13,
    ParallelAttachments = 14,
}

/// <summary>Result of one probe.</summary>
public enum ProbeState
{
    /// <summary>Not probed, or the probe could not decide.</summary>
    Unknown = 0,
    /// <summary>Works now.</summary>
    Available = 1,
    /// <summary>Does not work now; the reason says why and how to fix it.</summary>
    Unavailable = 2,
}

/// <summary>A probe's outcome; <paramref name="Reason"/> is empty when available.</summary>
public sealed record ProbeResult(ProbeState State, string Reason = "")
{
    public static ProbeResult Available { get; } = new(ProbeState.Available);

    /// <summary>An honest "not probed", naming why.</summary>
    public static ProbeResult NotProbed(string why) => new(ProbeState.Unknown, why);
}

/// <summary>One capability and whether it can be used now.</summary>
public sealed record CapabilityReport(LineCapability Capability, ProbeResult Result);

/// <summary>The line's health probes.</summary>
public sealed record LineHealthReport(
    ProbeResult ChatDbReadable,
    ProbeResult MessagesRunning,
    ProbeResult AutomationPermission,
    ProbeResult AccessibilityPermission);

/// <summary>Everything GetLine reports.</summary>
/// <param name="Handles">Apple ID handles the line sends from; empty when unknown.</param>
/// <param name="MacOsVersion">e.g. "15.3.1"; null when not running on macOS.</param>
/// <param name="OsDescription">Operating system description.</param>
/// <param name="AgentVersion">LineAgent's version.</param>
/// <param name="Capabilities">One report per <see cref="LineCapability"/>.</param>
/// <param name="Health">Health probes.</param>
/// <param name="CheckedAt">When the probes ran.</param>
public sealed record LineStatus(
    IReadOnlyList<string> Handles,
    string? MacOsVersion,
    string OsDescription,
    string AgentVersion,
    IReadOnlyList<CapabilityReport> Capabilities,
    LineHealthReport Health,
    DateTimeOffset CheckedAt)
{
    /// <summary>The line's stable id (<see cref="LineIdSource"/>); empty when not resolved.</summary>
    public string LineId { get; init; } = "";

    /// <summary>The address the line's newest own message went out from (chat.db destination_caller_id); null when unknown.</summary>
    public string? DefaultCallerId { get; init; }

    /// <summary>Messages' accounts as the last accounts probe saw them; empty when not probed.</summary>
    public IReadOnlyList<AccountReport> Accounts { get; init; } = [];
}

/// <summary>One Messages account: its service ("iMessage", "SMS", "RCS"), whether it is enabled, its connection state.</summary>
/// <param name="Id">Messages' account id.</param>
/// <param name="Service">"iMessage", "SMS", "RCS", …</param>
/// <param name="Enabled">Enabled in Messages › Settings.</param>
/// <param name="ConnectionStatus">"connected", "connecting", "disconnected", … as Messages reports it.</param>
/// <param name="Description">Usually the Apple ID or phone number.</param>
public sealed record AccountReport(string Id, string Service, bool Enabled, string ConnectionStatus, string Description)
{
    /// <summary>True when the account can send now.</summary>
    public bool IsConnected => Enabled && ConnectionStatus.Equals("connected", StringComparison.OrdinalIgnoreCase);
}
