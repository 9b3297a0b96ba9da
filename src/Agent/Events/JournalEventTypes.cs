namespace LineAgent.Agent.Events;

/// <summary>
/// The event types the journal carries. Strings are the wire names (gRPC, `lineagent watch`). Payloads:
/// message.received/sent/delivered <see cref="MessagePayload"/>, message.read <see cref="MessageReadPayload"/>,
/// message.failed <see cref="MessageFailedPayload"/>, message.edited <see cref="MessageEditedPayload"/>, message.unsent
/// <see cref="MessageUnsentPayload"/>, reaction.* <see cref="ReactionPayload"/>, chat.renamed and chat.participant_*
/// <see cref="GroupChangePayload"/>, attachment.ready <see cref="AttachmentReadyPayload"/>, chat.created
/// <see cref="ChatCreatedPayload"/>, chat.read <see cref="ChatReadPayload"/>, send.* <see cref="SendPayload"/>,
/// line.status_changed <see cref="LineStatusPayload"/>.
/// </summary>
public static class JournalEventTypes
{
    public const string MessageReceived = "message.received";
    public const string MessageSent = "message.sent";
    public const string MessageDelivered = "message.delivered";
    public const string MessageRead = "message.read";
    public const string MessageFailed = "message.failed";
    public const string MessageEdited = "message.edited";
    public const string MessageUnsent = "message.unsent";
    public const string ReactionAdded = "reaction.added";
    public const string ReactionRemoved = "reaction.removed";
    public const string ChatCreated = "chat.created";
    public const string ChatRenamed = "chat.renamed";
    public const string ChatParticipantAdded = "chat.participant_added";
    public const string ChatParticipantRemoved = "chat.participant_removed";
    public const string ChatParticipantLeft = "chat.participant_left";
    public const string ChatRead = "chat.read";
    public const string AttachmentReady = "attachment.ready";

    // A send's life in the outbox (journaled with each state change, payload SendPayload).
    public const string SendQueued = "send.queued";
    public const string SendSending = "send.sending";
    public const string SendSent = "send.sent";
    public const string SendDelivered = "send.delivered";
    public const string SendRead = "send.read";
    public const string SendFailed = "send.failed";
    public const string SendUnconfirmed = "send.unconfirmed";

    /// <summary>The line's state, capacity and health changed (or the heartbeat is due); payload LineStatusPayload.</summary>
    public const string LineStatusChanged = "line.status_changed";

    /// <summary>The types whose payload carries the message it is about (<see cref="IMessagePayload"/>).</summary>
    public static IReadOnlySet<string> WithMessage { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MessageReceived, MessageSent, MessageDelivered, MessageRead, MessageFailed, MessageEdited, MessageUnsent,
        ReactionAdded, ReactionRemoved, ChatRenamed, ChatParticipantAdded, ChatParticipantRemoved, ChatParticipantLeft,
        AttachmentReady,
    };

    /// <summary>Every type above, for validating filters.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MessageReceived, MessageSent, MessageDelivered, MessageRead, MessageFailed, MessageEdited, MessageUnsent,
        ReactionAdded, ReactionRemoved, ChatCreated, ChatRenamed, ChatParticipantAdded, ChatParticipantRemoved,
        ChatParticipantLeft, ChatRead, AttachmentReady,
        SendQueued, SendSending, SendSent, SendDelivered, SendRead, SendFailed, SendUnconfirmed,
        LineStatusChanged,
    };
}
