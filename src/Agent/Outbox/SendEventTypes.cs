using LineAgent.Agent.Journal;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// Journal event types for sends (one per state change, id "send:&lt;send id&gt;:&lt;state&gt;", so a state is
/// journaled once). Payload: send_id, idempotency_key, kind, state, chat_guid, message_guids, error.
/// Messages' own row events (message.sent/delivered/read) come from the change feed as well.
/// </summary>
public static class SendEventTypes
{
    public const string Queued = JournalEventTypes.SendQueued;
    public const string Sending = JournalEventTypes.SendSending;
    public const string Sent = JournalEventTypes.SendSent;
    public const string Delivered = JournalEventTypes.SendDelivered;
    public const string Read = JournalEventTypes.SendRead;
    public const string Failed = JournalEventTypes.SendFailed;
    public const string Unconfirmed = JournalEventTypes.SendUnconfirmed;

    /// <summary>Every send event type.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Queued, Sending, Sent, Delivered, Read, Failed, Unconfirmed,
    };

    /// <summary>The event type for entering <paramref name="state"/>.</summary>
    public static string For(SendState state) => state switch
    {
        SendState.Queued => Queued,
        SendState.Sending => Sending,
        SendState.Sent => Sent,
        SendState.Failed => Failed,
        _ => Unconfirmed,
    };
}
