using System.Globalization;
using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Time;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// Turns chat.db rows into journal events with deterministic ids (<see cref="JournalEventIds"/>). Status events
/// (sent, delivered, read, failed, edited, unsent, attachment ready) are derived from a row's current state, so
/// mapping the same row again yields the same ids and the journal stores each fact once.
/// </summary>
/// <remarks>
/// Payloads (<see cref="LineAgent.Agent.Events"/>) carry what a consumer needs without a second query: the message
/// (<see cref="MessageData"/>: chat guids, sender, text, dates, reaction, group event, attachments), its decoded body
/// parts, plus the event's own fields.
/// </remarks>
public static class EventMapper
{
    /// <summary>Events for a row seen for the first time: what it is (received, reaction, group change) and its state.</summary>
    public static List<NewJournalEvent> Inserted(MessageRecord message)
    {
        var events = new List<NewJournalEvent>();
        var at = message.Date ?? AppleTime.Epoch;
        var row = new Row(message);
        switch (message.Kind)
        {
            case MessageKind.Message when !message.IsFromMe:
                events.Add(row.Event(JournalEventIds.Received(message.Guid), JournalEventTypes.MessageReceived, at, new MessagePayload(row.Data, row.Parts)));
                break;
            case MessageKind.Reaction when message.Reaction is { } reaction:
                events.Add(row.Event(JournalEventIds.Reaction(message.Guid),
                    reaction.Removed ? JournalEventTypes.ReactionRemoved : JournalEventTypes.ReactionAdded, at,
                    new ReactionPayload(row.Data, row.Parts, reaction.Type, reaction.Emoji, reaction.TargetGuid, reaction.TargetPart,
                        message.IsFromMe, By(message))));
                break;
            case MessageKind.GroupEvent when message.GroupEvent is { } group && GroupType(group.Type) is { } type:
                events.Add(row.Event(JournalEventIds.GroupAction(message.Guid), type, at,
                    new GroupChangePayload(row.Data, row.Parts, group.Handle, group.Title, message.IsFromMe, By(message))));
                break;
        }
        events.AddRange(StateEvents(message, row));
        return events;
    }

    /// <summary>Events implied by a row's current state (for rows whose mutable columns changed).</summary>
    public static List<NewJournalEvent> StateEvents(MessageRecord message) => StateEvents(message, new Row(message));

    private static List<NewJournalEvent> StateEvents(MessageRecord message, Row row)
    {
        var events = new List<NewJournalEvent>();
        if (message.Kind != MessageKind.Message)
            return events;
        var at = message.Date ?? AppleTime.Epoch;

        if (message.IsFromMe)
        {
            // Own rows: inserted with is_sent 0 when sent from this Mac, already 1 when synced from another device.
            if (message.IsSent && message.Error == 0)
                events.Add(row.Event(JournalEventIds.Sent(message.Guid), JournalEventTypes.MessageSent, at, new MessagePayload(row.Data, row.Parts)));
            // error != 0 covers "Not Delivered" and failed SMS downgrades alike; codes are undocumented.
            if (message.Error != 0)
                events.Add(row.Event(JournalEventIds.Failed(message.Guid, message.Error), JournalEventTypes.MessageFailed, at,
                    new MessageFailedPayload(row.Data, row.Parts, message.Error)));
            // Delivery receipts exist only for own rows (Apple's partial index message_idx_undelivered_one_to_one_imessage).
            if (message.IsDelivered || message.DateDelivered is not null)
                events.Add(row.Event(JournalEventIds.Delivered(message.Guid), JournalEventTypes.MessageDelivered,
                    message.DateDelivered ?? at, new MessagePayload(row.Data, row.Parts)));
        }

        // Own rows: the recipient read it (1:1 with read receipts on). Received rows: the owner read it, possibly on
        // another device (synced).
        if (message.DateRead is not null || (message.IsRead && message.IsFromMe))
            events.Add(row.Event(JournalEventIds.Read(message.Guid), JournalEventTypes.MessageRead, message.DateRead ?? at,
                new MessageReadPayload(row.Data, row.Parts, message.IsFromMe ? ReadBy.Recipient : ReadBy.Owner)));

        if (message.IsUnsent || message.UnsentParts.Count > 0)
        {
            var unsent = message.UnsentParts.Order().ToArray();
            var parts = unsent.Length > 0 ? string.Join(",", unsent.Select(p => p.ToString(CultureInfo.InvariantCulture))) : "all";
            events.Add(row.Event(JournalEventIds.Unsent(message.Guid, parts), JournalEventTypes.MessageUnsent,
                message.DateRetracted ?? message.DateEdited ?? at, new MessageUnsentPayload(row.Data, row.Parts, unsent, message.IsUnsent)));
        }
        else if (message.IsEdited && message.DateEdited is { } edited)
        {
            events.Add(row.Event(JournalEventIds.Edited(message.Guid, AppleTime.FromDateTimeOffset(edited)), JournalEventTypes.MessageEdited,
                edited, new MessageEditedPayload(row.Data, row.Parts, message.EditedParts)));
        }

        foreach (var a in message.Attachments)
        {
            if (a.TransferState != AttachmentRecord.TransferStateFinished)
                continue;
            events.Add(row.Event(JournalEventIds.AttachmentReady(a.Guid), JournalEventTypes.AttachmentReady, at,
                new AttachmentReadyPayload(row.Data, row.Parts,
                    new ReadyAttachmentData(a.Guid, a.TransferName, a.MimeType, a.Uti, a.TotalBytes, a.Path, a.IsOutgoing, a.IsSticker))));
        }
        return events;
    }

    /// <summary>chat.created for a new chat row.</summary>
    public static NewJournalEvent ChatCreated(ChatRecord chat, DateTimeOffset observedAt) =>
        new(JournalEventIds.ChatCreated(chat.Guid), JournalEventTypes.ChatCreated, observedAt, chat.Guid, null,
            EventJson.ToJson(new ChatCreatedPayload(ChatData.From(chat))));

    /// <summary>chat.read: chat.last_read_message_timestamp moved to <paramref name="lastReadAppleTime"/>.</summary>
    public static NewJournalEvent ChatRead(string chatGuid, ChatRecord? chat, long lastReadAppleTime)
    {
        var at = AppleTime.ToDateTimeOffset(lastReadAppleTime) ?? AppleTime.Epoch;
        return new(JournalEventIds.ChatRead(chatGuid, lastReadAppleTime), JournalEventTypes.ChatRead, at, chatGuid, null,
            EventJson.ToJson(new ChatReadPayload(at, chat is null ? null : ChatData.From(chat))));
    }

    private static string? GroupType(GroupEventType type) => type switch
    {
        GroupEventType.Renamed => JournalEventTypes.ChatRenamed,
        GroupEventType.ParticipantAdded => JournalEventTypes.ChatParticipantAdded,
        GroupEventType.ParticipantRemoved => JournalEventTypes.ChatParticipantRemoved,
        GroupEventType.ParticipantLeft => JournalEventTypes.ChatParticipantLeft,
        _ => null, // group photo changes are not events of their own
    };

    /// <summary>Who acted, for received rows (own rows: null, with by_me true).</summary>
    private static string? By(MessageRecord message) => message.IsFromMe ? null : message.Sender;

    /// <summary>One row's wire shape, built once for all the events it yields, its text capped (<see cref="EventLimits"/>).</summary>
    private sealed class Row
    {
        private readonly MessageRecord message;

        public Row(MessageRecord message)
        {
            this.message = message;
            IReadOnlyList<PartData> parts = message.Body?.Parts is { Count: > 0 } body
                ? body.Select(p => new PartData(p.Index, p.Start, p.Length, p.Text, p.AttachmentGuid, p.MentionHandle, p.Link)).ToArray()
                : [];
            (Data, Parts) = EventLimits.Cap(MessageData.From(message), parts);
        }

        public MessageData Data { get; }

        public IReadOnlyList<PartData> Parts { get; }

        public NewJournalEvent Event<T>(string id, string type, DateTimeOffset at, T payload) where T : class, IMessagePayload =>
            new(id, type, at, message.ChatGuids.Count > 0 ? message.ChatGuids[0] : null, message.Guid, EventJson.ToJson(payload));
    }
}
