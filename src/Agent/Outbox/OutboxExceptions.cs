namespace LineAgent.Agent.Outbox;

/// <summary>The idempotency key was already used for a different request.</summary>
public sealed class IdempotencyConflictException(string key)
    : Exception($"Idempotency key '{key}' was already used for a different request; use a new key for a new send.")
{
    public string Key { get; } = key;
}

/// <summary>The send does not fit the line's pacing budget or queue now; retry after <see cref="RetryAfter"/>.</summary>
public sealed class PacingRejectedException(string message, TimeSpan retryAfter, SendFailureCode code = SendFailureCode.Paced) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary><see cref="SendFailureCode.Paced"/> (queue full) or <see cref="SendFailureCode.BudgetExhausted"/> (new contacts).</summary>
    public SendFailureCode Code { get; } = code;
}

/// <summary>The line cannot do this kind of send right now (e.g. Accessibility is missing for a UI-scripted action).</summary>
public sealed class CapabilityUnavailableException(string capability, string reason)
    : Exception($"This line cannot do {capability} right now: {reason}")
{
    /// <summary>What to do about it.</summary>
    public const string Fix = "grant the permission named above to the agent on the Mac, then retry (GetLine shows each capability).";
}

/// <summary>A request field the outbox cannot act on (the gRPC layer validates first; this is the outbox's own guard).</summary>
public sealed class InvalidSendRequestException(string field, string problem) : Exception($"{field}: {problem}")
{
    /// <summary>The request field at fault (as the gRPC request names it).</summary>
    public string Field { get; } = field;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}

/// <summary>What a request points at does not exist in chat.db (a message to react to, a chat to type in).</summary>
public sealed class SendTargetNotFoundException(string field, string what, string id) : Exception($"{field}: {what} '{id}' not found")
{
    /// <summary>The request field naming the target (as the gRPC request names it).</summary>
    public string Field { get; } = field;

    /// <summary>What was looked up, e.g. "message".</summary>
    public string What { get; } = what;

    /// <summary>The value looked up.</summary>
    public string Id { get; } = id;
}

/// <summary>
/// What a request points at exists but cannot be acted on now: a limit Messages itself enforces (not your message,
/// edit after 15 minutes or 5 edits, unsend after 2 minutes, already unsent). Nothing was sent.
/// </summary>
public sealed class SendPreconditionException(string field, string problem) : Exception($"{field}: {problem}")
{
    /// <summary>The request field at fault (as the gRPC request names it).</summary>
    public string Field { get; } = field;

    /// <summary>What stands in the way.</summary>
    public string Problem { get; } = problem;
}

/// <summary>Outbox:RefuseKnownFailingHandles is on and chat.db's history says this recipient's iMessages are not delivered.</summary>
public sealed class KnownFailingHandleException(string handle, DateTimeOffset? lastFailedAt)
    : Exception($"Refused: the newest message to {handle} was not delivered (chat.db error 22{(lastFailedAt is { } at ? $", {at:yyyy-MM-dd'T'HH:mm:ss'Z'}" : "")}); "
        + "the recipient is probably not on iMessage.")
{
    /// <summary>What to do about it.</summary>
    public const string Fix = "reach this recipient another way, or set Outbox:RefuseKnownFailingHandles to false to try anyway (CheckHandle shows the evidence).";

    public string Handle { get; } = handle;
}

/// <summary>`lineagent certify` showed this line cannot do the capability on this build; nothing was sent.</summary>
public sealed class CapabilityCertificationFailedException(string capability, LineAgent.Agent.Line.Certification.CapabilityCertification certification)
    : Exception($"{capability} failed certification on this line ({certification.Build}, {certification.CertifiedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}): "
        + $"{certification.Detail} (report: {certification.ReportPath})")
{
    /// <summary>What to do about it.</summary>
    public const string Fix = "fix the cause named in the report and run `lineagent certify` again, or set Certification:RefuseFailed to false to allow it anyway.";

    public string Capability { get; } = capability;
}
