namespace LineAgent.Agent.Events;

/// <summary>
/// The "data" of every journal event, one record per shape. Events about a message row carry the message as it was
/// when observed (<see cref="MessageData"/>) and its decoded body parts first, then their own fields; keys are written
/// in declaration order. <see cref="EventTypes"/> says which type carries which payload.
/// </summary>
public interface IMessagePayload
{
    MessageData Message { get; }
    IReadOnlyList<PartData> Parts { get; }
}

/// <summary>message.received, message.sent, message.delivered.</summary>
public sealed record MessagePayload(MessageData Message, IReadOnlyList<PartData> Parts) : IMessagePayload;

/// <summary>reaction.added, reaction.removed: the tapback row, what it is and who reacted.</summary>
public sealed record ReactionPayload(MessageData Message, IReadOnlyList<PartData> Parts, ChatDbReader.Records.ReactionType ReactionType,
    string? Emoji, string? TargetGuid, int? TargetPart, bool ByMe, string? By) : IMessagePayload;

/// <summary>chat.renamed, chat.participant_added/removed/left: the group action row.</summary>
public sealed record GroupChangePayload(MessageData Message, IReadOnlyList<PartData> Parts, string? Handle, string? Title, bool ByMe, string? By)
    : IMessagePayload;

/// <summary>message.failed: message.error's (undocumented) code.</summary>
public sealed record MessageFailedPayload(MessageData Message, IReadOnlyList<PartData> Parts, int ErrorCode) : IMessagePayload;

/// <summary>message.read: who read it.</summary>
public sealed record MessageReadPayload(MessageData Message, IReadOnlyList<PartData> Parts, ReadBy ReadBy) : IMessagePayload;

/// <summary>Who read a message: the recipient (own rows, read receipts on) or the owner (received rows, maybe on another device).</summary>
public enum ReadBy
{
    Recipient,
    Owner,
}

/// <summary>message.unsent: the parts unsent (sorted), and whether nothing of the message is left.</summary>
public sealed record MessageUnsentPayload(MessageData Message, IReadOnlyList<PartData> Parts, IReadOnlyList<int> UnsentParts, bool FullyUnsent)
    : IMessagePayload;

/// <summary>message.edited: the parts with an edit history.</summary>
public sealed record MessageEditedPayload(MessageData Message, IReadOnlyList<PartData> Parts, IReadOnlyList<int> EditedParts) : IMessagePayload;

/// <summary>attachment.ready: the message and the attachment whose transfer finished.</summary>
public sealed record AttachmentReadyPayload(MessageData Message, IReadOnlyList<PartData> Parts, ReadyAttachmentData Attachment) : IMessagePayload;

/// <summary>An attachment whose file is complete on disk.</summary>
public sealed record ReadyAttachmentData(string Guid, string? TransferName, string? MimeType, string? Uti, long TotalBytes, string? Path,
    bool IsOutgoing, bool IsSticker);

/// <summary>chat.created.</summary>
public sealed record ChatCreatedPayload(ChatData Chat);

/// <summary>chat.read: chat.last_read_message_timestamp moved; the chat is null when chat.db no longer has it.</summary>
public sealed record ChatReadPayload(DateTimeOffset LastReadAt, ChatData? Chat);

/// <summary>send.*: one send's state change in the outbox. <see cref="Kind"/> is the send kind's name ("Message",
/// "CreateChat" …), <see cref="State"/> the lower-case state or receipt ("queued" … "read"), <see cref="FailureCode"/>
/// the snake_case failure code of a failed or unconfirmed send (null otherwise), <see cref="Retryable"/> whether
/// sending the same content again may succeed without risking a duplicate. <see cref="Canary"/> marks the line's own
/// canary (written only when true, so customer sends' payloads are unchanged): not customer traffic.</summary>
public sealed record SendPayload(string SendId, string IdempotencyKey, string Kind, string State, string? ChatGuid,
    IReadOnlyList<string> MessageGuids, string? Error, string? FailureCode = null, bool Retryable = false,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    bool Canary = false);

/// <summary>
/// line.status_changed: the line's overall state, reasons, capacity and health (journaled when a value crosses a
/// documented threshold, and at least every Health:HeartbeatInterval). <see cref="Trigger"/> is "started", "changed"
/// or "heartbeat"; <see cref="NextBy"/> is when the next one comes at the latest (a consumer that sees none by then
/// should treat the line as silent).
/// </summary>
public sealed record LineStatusPayload(string LineId, string State, IReadOnlyList<string> Reasons, string Trigger, DateTimeOffset NextBy,
    LineCapacityData Capacity, LineHealthData Health,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    LineCanaryData? Canary = null);

/// <summary>
/// line.status_changed's canary (written only when Canary:Peer is set): the latest rounds to the peer, as GetLine's
/// Line.canary. <see cref="DegradedReason"/> is the operator's sentence while canary_not_delivered is a reason.
/// </summary>
public sealed record LineCanaryData(string Peer, DateTimeOffset? LastSentAt, DateTimeOffset? LastDeliveredAt, double? LastLatencySeconds,
    int ConsecutiveMisses, int MissesToDegrade, string? DegradedReason, string? LastSkipReason, DateTimeOffset? LastSkippedAt,
    DateTimeOffset? NextRoundAt);

/// <summary>line.status_changed's capacity.</summary>
public sealed record LineCapacityData(bool PacingEnabled, double? PacingTokens, double MessagesPerSecond, int Burst,
    int NewContactsHourLimit, int NewContactsHourRemaining, DateTimeOffset? NewContactsHourResetsAt,
    int NewContactsDayLimit, int NewContactsDayRemaining, DateTimeOffset? NewContactsDayResetsAt,
    long OutboxDepth, int OutboxLimit);

/// <summary>line.status_changed's health: send counts over the trailing window and the line's signals.</summary>
public sealed record LineHealthData(long WindowSeconds, long Sent, long Delivered, long Failed, long NotDelivered, long Unconfirmed,
    long Misrouted, double? NotDeliveredRatio, DateTimeOffset? LastSentAt, DateTimeOffset? LastDeliveredAt, double? FeedLagSeconds,
    bool? ScreenLocked, bool? SignedIn);

/// <summary>What the gRPC stream reads back from a stored payload: only its message, when it has one.</summary>
public sealed record MessageEnvelope(MessageData? Message);
