using System.Text.Json;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.ChatDbReader.Json;

/// <summary>
/// The one JSON shape of a message (export lines, change-feed events, history). Every key is always written, null
/// where unset; dates are ISO-8601 UTC with millisecond precision ending in Z; enums are snake_case strings.
/// </summary>
public static class MessageJson
{
    /// <summary>The keys of a message object, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "rowid", "guid", "chat_guids", "service", "is_from_me", "sender", "date", "date_delivered", "date_read",
        "date_edited", "text", "kind", "reaction", "group_event", "attachments", "is_sent", "is_delivered", "is_read",
        "error", "edited", "unsent", "thread_originator_guid", "balloon_bundle_id",
    ];

    /// <summary>Writes <paramref name="message"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, MessageRecord message)
    {
        writer.WriteStartObject();
        writer.WriteNumber("rowid", message.RowId);
        writer.WriteString("guid", message.Guid);
        writer.WriteStartArray("chat_guids");
        foreach (var chat in message.ChatGuids)
            writer.WriteStringValue(chat);
        writer.WriteEndArray();
        WriteNullable(writer, "service", message.Service);
        writer.WriteBoolean("is_from_me", message.IsFromMe);
        WriteNullable(writer, "sender", message.Sender);
        WriteDate(writer, "date", message.Date);
        WriteDate(writer, "date_delivered", message.DateDelivered);
        WriteDate(writer, "date_read", message.DateRead);
        WriteDate(writer, "date_edited", message.DateEdited);
        WriteNullable(writer, "text", message.Text);
        writer.WriteString("kind", KindName(message.Kind));
        WriteReaction(writer, message.Reaction);
        WriteGroupEvent(writer, message.GroupEvent);
        writer.WriteStartArray("attachments");
        foreach (var a in message.Attachments)
            WriteAttachment(writer, a);
        writer.WriteEndArray();
        writer.WriteBoolean("is_sent", message.IsSent);
        writer.WriteBoolean("is_delivered", message.IsDelivered);
        writer.WriteBoolean("is_read", message.IsRead);
        writer.WriteNumber("error", message.Error);
        writer.WriteBoolean("edited", message.IsEdited);
        writer.WriteBoolean("unsent", message.IsUnsent);
        WriteNullable(writer, "thread_originator_guid", message.ThreadOriginatorGuid);
        WriteNullable(writer, "balloon_bundle_id", message.BalloonBundleId);
        writer.WriteEndObject();
    }

    /// <summary><paramref name="message"/> as a compact JSON string (one line).</summary>
    public static string ToJson(MessageRecord message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            Write(writer, message);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>"message", "reaction", "group_event" or "other".</summary>
    public static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.Message => "message",
        MessageKind.Reaction => "reaction",
        MessageKind.GroupEvent => "group_event",
        _ => "other",
    };

    /// <summary>love, like, dislike, laugh, emphasize, question, emoji, sticker.</summary>
    public static string ReactionTypeName(ReactionType type) => type switch
    {
        ReactionType.Love => "love",
        ReactionType.Like => "like",
        ReactionType.Dislike => "dislike",
        ReactionType.Laugh => "laugh",
        ReactionType.Emphasize => "emphasize",
        ReactionType.Question => "question",
        ReactionType.Emoji => "emoji",
        _ => "sticker",
    };

    /// <summary>participant_added, participant_removed, participant_left, renamed, photo_changed, photo_removed.</summary>
    public static string GroupEventTypeName(GroupEventType type) => type switch
    {
        GroupEventType.ParticipantAdded => "participant_added",
        GroupEventType.ParticipantRemoved => "participant_removed",
        GroupEventType.ParticipantLeft => "participant_left",
        GroupEventType.Renamed => "renamed",
        GroupEventType.PhotoChanged => "photo_changed",
        _ => "photo_removed",
    };

    /// <summary>ISO-8601 UTC, milliseconds (7 fractional digits when the value has sub-millisecond ticks), ending in Z.</summary>
    public static string FormatDate(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void WriteReaction(Utf8JsonWriter writer, Reaction? reaction)
    {
        if (reaction is null)
        {
            writer.WriteNull("reaction");
            return;
        }
        writer.WriteStartObject("reaction");
        writer.WriteString("type", ReactionTypeName(reaction.Type));
        WriteNullable(writer, "emoji", reaction.Emoji);
        writer.WriteBoolean("removed", reaction.Removed);
        WriteNullable(writer, "target_guid", reaction.TargetGuid);
        if (reaction.TargetPart is { } part) writer.WriteNumber("target_part", part);
        else writer.WriteNull("target_part");
        writer.WriteEndObject();
    }

    private static void WriteGroupEvent(Utf8JsonWriter writer, GroupEvent? groupEvent)
    {
        if (groupEvent is null)
        {
            writer.WriteNull("group_event");
            return;
        }
        writer.WriteStartObject("group_event");
        writer.WriteString("type", GroupEventTypeName(groupEvent.Type));
        WriteNullable(writer, "handle", groupEvent.Handle);
        WriteNullable(writer, "title", groupEvent.Title);
        writer.WriteEndObject();
    }

    private static void WriteAttachment(Utf8JsonWriter writer, AttachmentRecord a)
    {
        writer.WriteStartObject();
        writer.WriteString("guid", a.Guid);
        WriteNullable(writer, "transfer_name", a.TransferName);
        WriteNullable(writer, "mime_type", a.MimeType);
        WriteNullable(writer, "uti", a.Uti);
        writer.WriteNumber("total_bytes", a.TotalBytes);
        WriteNullable(writer, "path", a.Path);
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is not { } v)
        {
            writer.WriteNull(name);
            return;
        }
        Span<char> buffer = stackalloc char[40];
        var utc = v.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        if (utc.TryFormat(buffer, out var written, format, System.Globalization.CultureInfo.InvariantCulture))
            writer.WriteString(name, buffer[..written]);
        else
            writer.WriteString(name, FormatDate(v));
    }
}
