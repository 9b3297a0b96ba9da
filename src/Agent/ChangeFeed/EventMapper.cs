using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LineAgent.Agent.Journal;
using LineAgent.ChatDbReader.Json;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Time;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// Turns chat.db rows into journal events with deterministic ids (<see cref="JournalEventIds"/>). Status events
/// (sent, delivered, read, failed, edited, unsent, attachment ready) are derived from a row's current state, so
/// mapping the same row again yields the same ids and the journal stores each fact once.
/// </summary>
/// <remarks>
/// Payloads carry what a consumer needs without a second query: "message" is the reader's one message shape
/// (<see cref="MessageJson"/>: chat guids, sender, text, dates, reaction, group event, attachments), "parts" the
/// decoded body parts, plus the event's own fields.
/// </remarks>
public static class EventMapper
{
    /// <summary>Events for a row seen for the first time: what it is (received, reaction, group change) and its state.</summary>
    public static List<NewJournalEvent> Inserted(MessageRecord message)
    {
        var events = new List<NewJournalEvent>();
        var at = message.Date ?? AppleTime.Epoch;
        switch (message.Kind)
        {
            case MessageKind.Message when !message.IsFromMe:
                events.Add(MessageEvent(JournalEventIds.Received(message.Guid), JournalEventTypes.MessageReceived, at, message));
                break;
            case MessageKind.Reaction when message.Reaction is { } reaction:
                events.Add(MessageEvent(JournalEventIds.Reaction(message.Guid),
                    reaction.Removed ? JournalEventTypes.ReactionRemoved : JournalEventTypes.ReactionAdded, at, message, w =>
                    {
                        w.WriteString("reaction_type", MessageJson.ReactionTypeName(reaction.Type));
                        WriteNullable(w, "emoji", reaction.Emoji);
                        WriteNullable(w, "target_guid", reaction.TargetGuid);
                        if (reaction.TargetPart is { } part) w.WriteNumber("target_part", part);
                        else w.WriteNull("target_part");
                        WriteActor(w, message);
                    }));
                break;
            case MessageKind.GroupEvent when message.GroupEvent is { } group && GroupType(group.Type) is { } type:
                events.Add(MessageEvent(JournalEventIds.GroupAction(message.Guid), type, at, message, w =>
                {
                    WriteNullable(w, "handle", group.Handle);
                    WriteNullable(w, "title", group.Title);
                    WriteActor(w, message);
                }));
                break;
        }
        events.AddRange(StateEvents(message));
        return events;
    }

    /// <summary>Events implied by a row's current state (for rows whose mutable columns changed).</summary>
    public static List<NewJournalEvent> StateEvents(MessageRecord message)
    {
        var events = new List<NewJournalEvent>();
        if (message.Kind != MessageKind.Message)
            return events;
        var at = message.Date ?? AppleTime.Epoch;

        if (message.IsFromMe)
        {
            // Own rows: inserted with is_sent 0 when sent from this Mac, already 1 when synced from another device.
            if (message.IsSent && message.Error == 0)
                events.Add(MessageEvent(JournalEventIds.Sent(message.Guid), JournalEventTypes.MessageSent, at, message));
            // error != 0 covers "Not Delivered" and failed SMS downgrades alike; codes are undocumented.
            if (message.Error != 0)
                events.Add(MessageEvent(JournalEventIds.Failed(message.Guid, message.Error), JournalEventTypes.MessageFailed, at, message,
                    w => w.WriteNumber("error_code", message.Error)));
            // Delivery receipts exist only for own rows (Apple's partial index message_idx_undelivered_one_to_one_imessage).
            if (message.IsDelivered || message.DateDelivered is not null)
                events.Add(MessageEvent(JournalEventIds.Delivered(message.Guid), JournalEventTypes.MessageDelivered,
                    message.DateDelivered ?? at, message));
        }

        // Own rows: the recipient read it (1:1 with read receipts on). Received rows: the owner read it, possibly on
        // another device (synced).
        if (message.DateRead is not null || (message.IsRead && message.IsFromMe))
            events.Add(MessageEvent(JournalEventIds.Read(message.Guid), JournalEventTypes.MessageRead, message.DateRead ?? at, message,
                w => w.WriteString("read_by", message.IsFromMe ? "recipient" : "owner")));

        if (message.IsUnsent || message.UnsentParts.Count > 0)
        {
            var parts = message.UnsentParts.Count > 0
                ? string.Join(",", message.UnsentParts.Order().Select(p => p.ToString(CultureInfo.InvariantCulture)))
                : "all";
            events.Add(MessageEvent(JournalEventIds.Unsent(message.Guid, parts), JournalEventTypes.MessageUnsent,
                message.DateRetracted ?? message.DateEdited ?? at, message, w =>
                {
                    w.WriteStartArray("unsent_parts");
                    foreach (var p in message.UnsentParts.Order()) w.WriteNumberValue(p);
                    w.WriteEndArray();
                    w.WriteBoolean("fully_unsent", message.IsUnsent);
                }));
        }
        else if (message.IsEdited && message.DateEdited is { } edited)
        {
            events.Add(MessageEvent(JournalEventIds.Edited(message.Guid, AppleTime.FromDateTimeOffset(edited)), JournalEventTypes.MessageEdited,
                edited, message, w =>
                {
                    w.WriteStartArray("edited_parts");
                    foreach (var p in message.EditedParts) w.WriteNumberValue(p);
                    w.WriteEndArray();
                }));
        }

        foreach (var attachment in message.Attachments)
        {
            if (attachment.TransferState != AttachmentRecord.TransferStateFinished)
                continue;
            events.Add(MessageEvent(JournalEventIds.AttachmentReady(attachment.Guid), JournalEventTypes.AttachmentReady, at, message, w =>
            {
                w.WriteStartObject("attachment");
                w.WriteString("guid", attachment.Guid);
                WriteNullable(w, "transfer_name", attachment.TransferName);
                WriteNullable(w, "mime_type", attachment.MimeType);
                WriteNullable(w, "uti", attachment.Uti);
                w.WriteNumber("total_bytes", attachment.TotalBytes);
                WriteNullable(w, "path", attachment.Path);
                w.WriteBoolean("is_outgoing", attachment.IsOutgoing);
                w.WriteBoolean("is_sticker", attachment.IsSticker);
                w.WriteEndObject();
            }));
        }
        return events;
    }

    /// <summary>chat.created for a new chat row.</summary>
    public static NewJournalEvent ChatCreated(ChatRecord chat, DateTimeOffset observedAt) =>
        new(JournalEventIds.ChatCreated(chat.Guid), JournalEventTypes.ChatCreated, observedAt, chat.Guid, null,
            Json(w => WriteChat(w, chat)));

    /// <summary>chat.read: chat.last_read_message_timestamp moved to <paramref name="lastReadAppleTime"/>.</summary>
    public static NewJournalEvent ChatRead(string chatGuid, ChatRecord? chat, long lastReadAppleTime)
    {
        var at = AppleTime.ToDateTimeOffset(lastReadAppleTime) ?? AppleTime.Epoch;
        return new(JournalEventIds.ChatRead(chatGuid, lastReadAppleTime), JournalEventTypes.ChatRead, at, chatGuid, null,
            Json(w =>
            {
                w.WriteString("last_read_at", MessageJson.FormatDate(at));
                if (chat is null) w.WriteNull("chat");
                else WriteChat(w, chat);
            }));
    }

    private static string? GroupType(GroupEventType type) => type switch
    {
        GroupEventType.Renamed => JournalEventTypes.ChatRenamed,
        GroupEventType.ParticipantAdded => JournalEventTypes.ChatParticipantAdded,
        GroupEventType.ParticipantRemoved => JournalEventTypes.ChatParticipantRemoved,
        GroupEventType.ParticipantLeft => JournalEventTypes.ChatParticipantLeft,
        _ => null, // group photo changes are not events of their own
    };

    private static NewJournalEvent MessageEvent(string id, string type, DateTimeOffset at, MessageRecord message,
        Action<Utf8JsonWriter>? extra = null) =>
        new(id, type, at, message.ChatGuids.Count > 0 ? message.ChatGuids[0] : null, message.Guid, Json(w =>
        {
            w.WritePropertyName("message");
            MessageJson.Write(w, message);
            w.WriteStartArray("parts");
            foreach (var part in message.Body?.Parts ?? [])
            {
                w.WriteStartObject();
                w.WriteNumber("index", part.Index);
                w.WriteNumber("start", part.Start);
                w.WriteNumber("length", part.Length);
                w.WriteString("text", part.Text);
                WriteNullable(w, "attachment_guid", part.AttachmentGuid);
                WriteNullable(w, "mention", part.MentionHandle);
                WriteNullable(w, "link", part.Link);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            extra?.Invoke(w);
        }));

    private static void WriteActor(Utf8JsonWriter w, MessageRecord message)
    {
        w.WriteBoolean("by_me", message.IsFromMe);
        WriteNullable(w, "by", message.IsFromMe ? null : message.Sender);
    }

    private static void WriteChat(Utf8JsonWriter w, ChatRecord chat)
    {
        w.WriteStartObject("chat");
        w.WriteString("guid", chat.Guid);
        w.WriteBoolean("is_group", chat.IsGroup);
        WriteNullable(w, "chat_identifier", chat.ChatIdentifier);
        WriteNullable(w, "service_name", chat.ServiceName);
        WriteNullable(w, "display_name", chat.DisplayName);
        WriteNullable(w, "group_id", chat.GroupId);
        w.WriteStartArray("participants");
        foreach (var p in chat.Participants) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static string Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
