namespace LineAgent.Agent.Outbox;

/// <summary>One send as the outbox holds it.</summary>
/// <param name="SendId">The agent's id for the send.</param>
/// <param name="IdempotencyKey">The caller's key; unique across the outbox's whole life (restarts included).</param>
/// <param name="Request">What to send.</param>
/// <param name="State">Where it is.</param>
/// <param name="Delivery">Receipt progress once sent.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
/// <param name="ChatGuid">The chat it went to, once known.</param>
/// <param name="MessageGuids">GUIDs of the rows it produced so far.</param>
/// <param name="Error">Why it failed or is unconfirmed.</param>
/// <param name="StepsDone">Script calls completed and confirmed (a message with several parts takes several).</param>
/// <param name="InflightSnapshot">MAX(ROWID) taken before the step in flight; null when no step is in flight.</param>
/// <param name="StagedFiles">Files staged for Messages (kept unless Outbox:StagedFileRetention is set).</param>
/// <param name="ScriptStarted">
/// The step in flight reached osascript: recorded durably immediately before the process is spawned. After a
/// crash, a step in flight without it provably never ran (it is resumed); one with it may have sent (looked up
/// in chat.db, never resent).
/// </param>
/// <param name="FailureCode">Why it failed or is unconfirmed, machine-readable (<see cref="SendFailureCode.None"/> otherwise).</param>
/// <param name="DeliveredAt">When Messages recorded the delivery receipt (chat.db date_delivered), once delivered.</param>
/// <param name="ReadAt">When Messages recorded the read receipt (chat.db date_read), once read.</param>
/// <param name="SentAt">When the agent confirmed the send in chat.db (its first row bound), once sent.</param>
public sealed record OutboxEntry(
    string SendId,
    string IdempotencyKey,
    OutboundRequest Request,
    SendState State,
    DeliveryState Delivery,
    DateTimeOffset AcceptedAt,
    string? ChatGuid,
    IReadOnlyList<string> MessageGuids,
    string? Error,
    int StepsDone,
    long? InflightSnapshot,
    IReadOnlyList<string> StagedFiles,
    bool ScriptStarted = false,
    SendFailureCode FailureCode = SendFailureCode.None,
    DateTimeOffset? DeliveredAt = null,
    DateTimeOffset? ReadAt = null,
    DateTimeOffset? SentAt = null)
{
    /// <summary>The line's own canary (its key has <see cref="LineTrafficKeys.CanaryPrefix"/>), not customer traffic.</summary>
    public bool IsCanary => LineTrafficKeys.IsCanary(IdempotencyKey);

    /// <summary>Whether sending the same content again may succeed without risking a duplicate (see <see cref="SendFailures.Retryable"/>).</summary>
    public bool Retryable => State == SendState.Failed && SendFailures.Retryable(FailureCode);
}
