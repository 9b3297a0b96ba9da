namespace LineAgent.Agent.Journal;

/// <summary>The event types the journal carries. Strings are the wire names (gRPC, `lineagent watch`).</summary>
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

    // A send's life in the outbox (journaled by the send pipeline, see Outbox.SendEventTypes).
    public const string SendQueued = "send.queued";
    public const string SendSending = "send.sending";
    public const string SendSent = "send.sent";
    public const string SendDelivered = "send.delivered";
    public const string SendRead = "send.read";
    public const string SendFailed = "send.failed";
    public const string SendUnconfirmed = "send.unconfirmed";

    /// <summary>Every type above, for validating filters.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MessageReceived, MessageSent, MessageDelivered, MessageRead, MessageFailed, MessageEdited, MessageUnsent,
        ReactionAdded, ReactionRemoved, ChatCreated, ChatRenamed, ChatParticipantAdded, ChatParticipantRemoved,
        ChatParticipantLeft, ChatRead, AttachmentReady,
        SendQueued, SendSending, SendSent, SendDelivered, SendRead, SendFailed, SendUnconfirmed,
    };
}
