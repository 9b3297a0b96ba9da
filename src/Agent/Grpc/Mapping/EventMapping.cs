using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>Journal events → proto events.</summary>
public static class EventMapping
{
    /// <summary>Room left in a gRPC message for the framing around one event.</summary>
    private const int Slack = 4 * 1024;

    /// <summary>
    /// The proto event: the stored payload as data_json, exactly as journaled, and for types that carry a message
    /// (<see cref="JournalEventTypes.WithMessage"/>) that message, read once from the payload into its typed record.
    /// </summary>
    public static Proto.Event ToProto(JournalEvent e) => new()
    {
        Cursor = e.Cursor,
        Id = e.Id,
        Type = e.Type,
        OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
        ChatGuid = e.ChatGuid ?? "",
        MessageGuid = e.MessageGuid ?? "",
        DataJson = e.DataJson,
        Message = JournalEventTypes.WithMessage.Contains(e.Type) && EventJson.ReadMessage(e.DataJson) is { } m ? MessageMapping.ToProto(m) : null,
    };

    /// <summary>
    /// <see cref="ToProto(JournalEvent)"/>, made to fit in <paramref name="maxBytes"/> (Grpc:MaxSendMessageBytes).
    /// Events are capped when journaled (<see cref="EventLimits"/>); one journaled before, or larger than this
    /// server's limit, is sent with its message text and parts cut further and message.text_truncated set, and as a
    /// last resort with data_json {"data_truncated":true} and no message: an event that cannot be sent would block
    /// every stream at it.
    /// </summary>
    public static Proto.Event ToProto(JournalEvent e, int maxBytes)
    {
        var proto = ToProto(e);
        // data_json and the message's text are the only large fields; skip the size computation for small events.
        if ((long)e.DataJson.Length * 2 < maxBytes - Slack || proto.CalculateSize() <= maxBytes - Slack)
            return proto;
        var maxChars = Math.Max(1, (maxBytes - Slack) / 16); // text appears 3 times, escaped up to 6 bytes per char in JSON
        if (CapPayload(e.DataJson, maxChars) is { } capped)
        {
            proto = ToProto(e with { DataJson = capped });
            if (proto.CalculateSize() <= maxBytes - Slack)
                return proto;
        }
        proto.DataJson = """{"data_truncated":true}""";
        proto.Message = null;
        return proto;
    }

    /// <summary>
    /// Serialized size up to which <see cref="ToProto(JournalEvent, int)"/> returns an event exactly as
    /// <see cref="ToProto(JournalEvent)"/> maps it, for <paramref name="maxBytes"/> (Grpc:MaxSendMessageBytes).
    /// </summary>
    public static int SentUnchangedWithin(int maxBytes) => maxBytes - Slack;

    /// <summary>The payload with message.text and the parts' texts cut to <paramref name="maxChars"/>, or null if unreadable.</summary>
    private static string? CapPayload(string dataJson, int maxChars)
    {
        try
        {
            if (JsonNode.Parse(dataJson) is not JsonObject payload || payload["message"] is not JsonObject message)
                return null;
            var data = message.Deserialize(EventJsonContext.Default.MessageData);
            var parts = payload["parts"]?.Deserialize(EventJsonContext.Default.IReadOnlyListPartData) ?? [];
            if (data is null)
                return null;
            var (cappedMessage, cappedParts) = EventLimits.Cap(data, parts, maxChars);
            payload["message"] = JsonSerializer.SerializeToNode(cappedMessage with { TextTruncated = true }, EventJsonContext.Default.MessageData);
            payload["parts"] = JsonSerializer.SerializeToNode(cappedParts, EventJsonContext.Default.IReadOnlyListPartData);
            return payload.ToJsonString();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
