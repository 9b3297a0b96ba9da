using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>
/// Decodes a message object written by <see cref="LineAgent.ChatDbReader.Json.MessageJson"/> (as journaled in event
/// data) into the proto <see cref="Proto.Message"/>. Unknown keys are ignored; a value of the wrong JSON kind is
/// treated as absent, so a malformed payload costs the typed message, never the event.
/// </summary>
public static class MessageJsonReader
{
    /// <summary>
    /// The message inside an event's data: the object itself when it has "guid" and "rowid", or its "message"
    /// property. Null when there is none or the JSON is not an object.
    /// </summary>
    public static Proto.Message? FromEventData(string dataJson)
    {
        if (dataJson.Length < 2 || dataJson[0] != '{')
            return null;
        try
        {
            using var document = JsonDocument.Parse(dataJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("guid", out _) && root.TryGetProperty("rowid", out _))
                return Read(root);
            return root.TryGetProperty("message", out var nested) && nested.ValueKind == JsonValueKind.Object ? Read(nested) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads one message object.</summary>
    public static Proto.Message Read(JsonElement o)
    {
        var m = new Proto.Message
        {
            Rowid = Long(o, "rowid"),
            Guid = Str(o, "guid"),
            Service = Str(o, "service"),
            IsFromMe = Bool(o, "is_from_me"),
            Sender = Str(o, "sender"),
            Date = Time(o, "date"),
            DateDelivered = Time(o, "date_delivered"),
            DateRead = Time(o, "date_read"),
            DateEdited = Time(o, "date_edited"),
            Text = Str(o, "text"),
            Kind = Str(o, "kind"),
            IsSent = Bool(o, "is_sent"),
            IsDelivered = Bool(o, "is_delivered"),
            IsRead = Bool(o, "is_read"),
            Error = (int)Long(o, "error"),
            Edited = Bool(o, "edited"),
            Unsent = Bool(o, "unsent"),
            ThreadOriginatorGuid = Str(o, "thread_originator_guid"),
            BalloonBundleId = Str(o, "balloon_bundle_id"),
        };
        if (o.TryGetProperty("chat_guids", out var chats) && chats.ValueKind == JsonValueKind.Array)
            foreach (var c in chats.EnumerateArray())
                if (c.ValueKind == JsonValueKind.String)
                    m.ChatGuids.Add(c.GetString());
        if (o.TryGetProperty("reaction", out var r) && r.ValueKind == JsonValueKind.Object)
        {
            m.Reaction = new Proto.Reaction { Type = Str(r, "type"), Emoji = Str(r, "emoji"), Removed = Bool(r, "removed"), TargetGuid = Str(r, "target_guid") };
            if (r.TryGetProperty("target_part", out var part) && part.ValueKind == JsonValueKind.Number && part.TryGetInt32(out var p))
                m.Reaction.TargetPart = p;
        }
        if (o.TryGetProperty("group_event", out var g) && g.ValueKind == JsonValueKind.Object)
            m.GroupEvent = new Proto.GroupEvent { Type = Str(g, "type"), Handle = Str(g, "handle"), Title = Str(g, "title") };
        if (o.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in attachments.EnumerateArray())
            {
                if (a.ValueKind != JsonValueKind.Object)
                    continue;
                m.Attachments.Add(new Proto.Attachment
                {
                    Guid = Str(a, "guid"),
                    TransferName = Str(a, "transfer_name"),
                    MimeType = Str(a, "mime_type"),
                    Uti = Str(a, "uti"),
                    TotalBytes = Long(a, "total_bytes"),
                    Path = Str(a, "path"),
                });
            }
        }
        return m;
    }

    private static string Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static long Long(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;

    private static bool Bool(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static Timestamp? Time(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? Timestamp.FromDateTimeOffset(t)
            : null;
}
