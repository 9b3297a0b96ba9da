using LineAgent.Agent.MessagesApp;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// Why a send failed or is unconfirmed, machine-readable (SendReceipt.failure_code, send.* "failure_code"). Stored as
/// snake_case text; the proto's SendFailureCode mirrors it. <see cref="SendFailures"/> says which are retryable.
/// </summary>
public enum SendFailureCode
{
    /// <summary>No failure (queued, sending, sent, delivered, read).</summary>
    None,
    /// <summary>Messages marked the row not delivered (chat.db error 22): the recipient is probably not on iMessage.</summary>
    NotDelivered,
    /// <summary>Messages marked the row failed with another chat.db error.</summary>
    MessagesError,
    /// <summary>Messages could not read the attachment (chat.db error 25) or it could not be staged.</summary>
    AttachmentUnreadable,
    /// <summary>Automation or Accessibility is not granted to the agent.</summary>
    PermissionMissing,
    /// <summary>Messages is not running (-600) or quit during the call (-609).</summary>
    MessagesNotRunning,
    /// <summary>Messages has no enabled, connected account for the service the send needs.</summary>
    SignedOut,
    /// <summary>Messages does not know the chat or buddy (-1728), or the target is not in chat.db.</summary>
    ChatNotFound,
    /// <summary>A UI-scripted action did not find its element (layout changed, screen locked).</summary>
    UiElementMissing,
    /// <summary>Messages did not answer in time (-1712, or the script was killed) and chat.db shows no row.</summary>
    Timeout,
    /// <summary>Messages accepted the send but no matching row appeared in time.</summary>
    Unconfirmed,
    /// <summary>Messages wrote an empty row joined to no chat (a ghost): nothing reached the chat.</summary>
    Misrouted,
    /// <summary>Refused at the door: the outbox is full (retry after the retry-after).</summary>
    Paced,
    /// <summary>Refused at the door: the new-contact budget is spent (retry after the retry-after).</summary>
    BudgetExhausted,
    /// <summary>The agent stopped while osascript ran the send; chat.db shows no row.</summary>
    Interrupted,
    /// <summary>chat.db could not be read to prepare or confirm the send.</summary>
    ChatDbUnreadable,
    /// <summary>The line is no longer a member of the group.</summary>
    NotAMember,
    /// <summary>The request cannot be carried out as given (e.g. an upload that is gone, an unaddressable chat).</summary>
    InvalidRequest,
    /// <summary>Refused at the door: chat.db history shows the recipient's iMessages fail (Outbox:RefuseKnownFailingHandles).</summary>
    KnownFailingHandle,
    /// <summary>Anything else (the error text says what).</summary>
    Unknown,
}

/// <summary>The one table of what each failure code means for a caller: retryable, and the central API's status.</summary>
public static class SendFailures
{
    /// <summary>
    /// True when sending the same content again (with a new idempotency key, after retry-after) may succeed without
    /// risking a duplicate: the failure provably sent nothing and is not about the recipient or a permission.
    /// Unconfirmed, timed-out and interrupted sends are never retryable (check the chat first).
    /// </summary>
    public static bool Retryable(SendFailureCode code) => code is SendFailureCode.MessagesNotRunning or SendFailureCode.UiElementMissing
        or SendFailureCode.Paced or SendFailureCode.BudgetExhausted or SendFailureCode.ChatDbUnreadable;

    /// <summary>
    /// The HTTP status the central API answers with for this code (documented in send.proto, "Failure codes"):
    /// 4xx = the request or recipient, 429 = pacing, 503 = the line (route elsewhere or later), 504/502 = outcome unknown.
    /// </summary>
    public static int CentralApiStatus(SendFailureCode code) => code switch
    {
        SendFailureCode.None => 200,
        SendFailureCode.NotDelivered or SendFailureCode.KnownFailingHandle => 422,
        SendFailureCode.ChatNotFound => 404,
        SendFailureCode.InvalidRequest or SendFailureCode.AttachmentUnreadable => 400,
        SendFailureCode.NotAMember => 409,
        SendFailureCode.Paced or SendFailureCode.BudgetExhausted => 429,
        SendFailureCode.PermissionMissing or SendFailureCode.MessagesNotRunning or SendFailureCode.SignedOut
            or SendFailureCode.UiElementMissing or SendFailureCode.ChatDbUnreadable => 503,
        SendFailureCode.Timeout or SendFailureCode.Unconfirmed or SendFailureCode.Interrupted => 504,
        SendFailureCode.Misrouted or SendFailureCode.MessagesError => 502,
        _ => 500,
    };

    /// <summary>The code of a driver failure that provably sent nothing.</summary>
    public static SendFailureCode FromDriver(MessagesFailureKind kind) => kind switch
    {
        MessagesFailureKind.NotFound => SendFailureCode.ChatNotFound,
        MessagesFailureKind.AutomationDenied or MessagesFailureKind.AutomationConsentRequired or MessagesFailureKind.AccessibilityDenied
            => SendFailureCode.PermissionMissing,
        MessagesFailureKind.UiElementMissing => SendFailureCode.UiElementMissing,
        MessagesFailureKind.AppleEventTimedOut or MessagesFailureKind.TimedOut => SendFailureCode.Timeout,
        MessagesFailureKind.MessagesNotRunning or MessagesFailureKind.ConnectionInvalid => SendFailureCode.MessagesNotRunning,
        MessagesFailureKind.NoServiceAccount => SendFailureCode.SignedOut,
        MessagesFailureKind.NotAMember => SendFailureCode.NotAMember,
        MessagesFailureKind.BadValue or MessagesFailureKind.BadArguments => SendFailureCode.InvalidRequest,
        _ => SendFailureCode.Unknown,
    };

    /// <summary>The code of a row Messages marked failed (chat.db message.error).</summary>
    public static SendFailureCode FromChatDbError(long? error) => error switch
    {
        22 => SendFailureCode.NotDelivered,
        25 => SendFailureCode.AttachmentUnreadable,
        _ => SendFailureCode.MessagesError,
    };

    /// <summary>The stored and wire name: snake_case ("not_delivered"); null for <see cref="SendFailureCode.None"/>.</summary>
    public static string? Name(SendFailureCode code) => code == SendFailureCode.None ? null : Snake(code.ToString());

    /// <summary>Parses <see cref="Name"/>'s output; null or unknown text is <see cref="SendFailureCode.None"/> / Unknown.</summary>
    public static SendFailureCode Parse(string? name) =>
        name is null ? SendFailureCode.None
        : Enum.TryParse<SendFailureCode>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var code) ? code
        : SendFailureCode.Unknown;

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
