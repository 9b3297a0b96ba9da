using System.Runtime.CompilerServices;
using System.Text.Json;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Events;

/// <summary>
/// <see cref="MessageData"/>'s JSON, written straight from a chat.db row read in place: the bulk path of
/// `lineagent export`, where building a MessageData per row and going through the serializer's metadata cost a third
/// of the time, and making UTF-16 strings of texts only to encode them back to UTF-8 about a fifth of the writing
/// thread's. Text columns go from SQLite's UTF-8 into the JSON as bytes. The same bytes as
/// <see cref="EventJson.Write"/> of <see cref="MessageData.From"/> (same writer calls, keys pre-encoded once, in
/// declaration order); tests compare the two on every row shape.
/// </summary>
public static class MessageJsonWriter
{
    private static readonly JsonEncodedText Rowid = Key(nameof(MessageData.Rowid)), Guid = Key(nameof(MessageData.Guid)),
        ChatGuids = Key(nameof(MessageData.ChatGuids)), Service = Key(nameof(MessageData.Service)),
        IsFromMe = Key(nameof(MessageData.IsFromMe)), Sender = Key(nameof(MessageData.Sender)), Date = Key(nameof(MessageData.Date)),
        DateDelivered = Key(nameof(MessageData.DateDelivered)), DateRead = Key(nameof(MessageData.DateRead)),
        DateEdited = Key(nameof(MessageData.DateEdited)), Text = Key(nameof(MessageData.Text)), Kind = Key(nameof(MessageData.Kind)),
        Reaction = Key(nameof(MessageData.Reaction)), GroupEvent = Key(nameof(MessageData.GroupEvent)),
        Attachments = Key(nameof(MessageData.Attachments)), IsSent = Key(nameof(MessageData.IsSent)),
        IsDelivered = Key(nameof(MessageData.IsDelivered)), IsRead = Key(nameof(MessageData.IsRead)), Error = Key(nameof(MessageData.Error)),
        Edited = Key(nameof(MessageData.Edited)), Unsent = Key(nameof(MessageData.Unsent)),
        ThreadOriginatorGuid = Key(nameof(MessageData.ThreadOriginatorGuid)), BalloonBundleId = Key(nameof(MessageData.BalloonBundleId)),
        UnsentParts = Key(nameof(MessageData.UnsentParts)), DateUnsent = Key(nameof(MessageData.DateUnsent)),
        Type = Key(nameof(ReactionData.Type)), Emoji = Key(nameof(ReactionData.Emoji)), Removed = Key(nameof(ReactionData.Removed)),
        TargetGuid = Key(nameof(ReactionData.TargetGuid)), TargetPart = Key(nameof(ReactionData.TargetPart)),
        Handle = Key(nameof(GroupEventData.Handle)), Title = Key(nameof(GroupEventData.Title)),
        TransferName = Key(nameof(AttachmentData.TransferName)), MimeType = Key(nameof(AttachmentData.MimeType)),
        Uti = Key(nameof(AttachmentData.Uti)), TotalBytes = Key(nameof(AttachmentData.TotalBytes)), Path = Key(nameof(AttachmentData.Path));

    /// <summary>Writes <paramref name="m"/> as one JSON object, exactly as <c>EventJson.Write(writer, MessageData.From(m))</c>
    /// of its record.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per row of a bulk read: optimized from the first row, not once tiering gets to it (a short export is over by then)
    public static void Write(Utf8JsonWriter writer, MessageRowView m)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Rowid, m.RowId);
        WriteText(writer, Guid, m.Guid);
        writer.WriteStartArray(ChatGuids);
        foreach (var chat in m.ChatGuids)
        {
            if (chat.String is { } s)
                writer.WriteStringValue(s);
            else
                writer.WriteStringValue(chat.Utf8);
        }
        writer.WriteEndArray();
        WriteText(writer, Service, m.Service);
        writer.WriteBoolean(IsFromMe, m.IsFromMe);
        WriteText(writer, Sender, m.Sender);
        WriteDate(writer, Date, m.Date);
        WriteDate(writer, DateDelivered, m.DateDelivered);
        WriteDate(writer, DateRead, m.DateRead);
        WriteDate(writer, DateEdited, m.DateEdited);
        WriteText(writer, Text, m.Text);
        writer.WriteString(Kind, WireName(m.Kind));
        if (m.Reaction is { } r)
        {
            writer.WriteStartObject(Reaction);
            writer.WriteString(Type, WireName(r.Type));
            writer.WriteString(Emoji, r.Emoji);
            writer.WriteBoolean(Removed, r.Removed);
            writer.WriteString(TargetGuid, r.TargetGuid);
            if (r.TargetPart is { } part)
                writer.WriteNumber(TargetPart, part);
            else
                writer.WriteNull(TargetPart);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(Reaction);
        }
        if (m.GroupEvent is { } g)
        {
            writer.WriteStartObject(GroupEvent);
            writer.WriteString(Type, WireName(g.Type));
            writer.WriteString(Handle, g.Handle);
            writer.WriteString(Title, g.Title);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(GroupEvent);
        }
        writer.WriteStartArray(Attachments);
        foreach (var a in m.Attachments)
        {
            writer.WriteStartObject();
            writer.WriteString(Guid, a.Guid);
            writer.WriteString(TransferName, a.TransferName);
            writer.WriteString(MimeType, a.MimeType);
            writer.WriteString(Uti, a.Uti);
            writer.WriteNumber(TotalBytes, a.TotalBytes);
            writer.WriteString(Path, a.Path);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean(IsSent, m.IsSent);
        writer.WriteBoolean(IsDelivered, m.IsDelivered);
        writer.WriteBoolean(IsRead, m.IsRead);
        writer.WriteNumber(Error, m.Error);
        writer.WriteBoolean(Edited, m.IsEdited);
        writer.WriteBoolean(Unsent, m.IsUnsent);
        WriteText(writer, ThreadOriginatorGuid, m.ThreadOriginatorGuid);
        WriteText(writer, BalloonBundleId, m.BalloonBundleId);
        writer.WriteStartArray(UnsentParts);
        foreach (var part in m.UnsentParts)
            writer.WriteNumberValue(part);
        writer.WriteEndArray();
        WriteDate(writer, DateUnsent, m.DateUnsent);
        writer.WriteEndObject();
    }

    /// <summary>A text as the serializer writes the string: null, or the string escaped as JSON (from its UTF-8
    /// bytes where it has them: valid UTF-8, so the same escaped text).</summary>
    private static void WriteText(Utf8JsonWriter writer, JsonEncodedText key, Utf8Text value)
    {
        if (value.IsNull)
            writer.WriteNull(key);
        else if (value.String is { } s)
            writer.WriteString(key, s);
        else
            writer.WriteString(key, value.Utf8);
    }

    private static void WriteDate(Utf8JsonWriter writer, JsonEncodedText key, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WritePropertyName(key);
            EventDateConverter.WriteValue(writer, v);
        }
        else
        {
            writer.WriteNull(key);
        }
    }

    private static JsonEncodedText WireName<T>(T value) where T : struct, Enum => Names<T>.Of(value);

    private static JsonEncodedText Key(string member) => JsonEncodedText.Encode(WireNames.Policy.ConvertName(member));

    /// <summary>Every enum value's wire name, encoded once.</summary>
    private static class Names<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, JsonEncodedText> ByValue =
            Enum.GetValues<T>().ToDictionary(v => v, v => JsonEncodedText.Encode(WireNames.Of(v)));

        public static JsonEncodedText Of(T value) =>
            ByValue.TryGetValue(value, out var name) ? name : JsonEncodedText.Encode(WireNames.Of(value));
    }
}
