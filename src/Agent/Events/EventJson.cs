using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Events;

/// <summary>
/// The one JSON context of the event payloads (source-generated, snake_case, every key written, nulls included).
/// The journal, `lineagent export` and `lineagent watch` all write through it.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters =
    [
        typeof(EventDateConverter), typeof(WireEnumConverter<MessageKind>), typeof(WireEnumConverter<ReactionType>),
        typeof(WireEnumConverter<GroupEventType>), typeof(WireEnumConverter<ReadBy>),
    ])]
[JsonSerializable(typeof(MessageData))]
[JsonSerializable(typeof(MessagePayload))]
[JsonSerializable(typeof(ReactionPayload))]
[JsonSerializable(typeof(GroupChangePayload))]
[JsonSerializable(typeof(MessageFailedPayload))]
[JsonSerializable(typeof(MessageReadPayload))]
[JsonSerializable(typeof(MessageUnsentPayload))]
[JsonSerializable(typeof(MessageEditedPayload))]
[JsonSerializable(typeof(AttachmentReadyPayload))]
[JsonSerializable(typeof(ChatCreatedPayload))]
[JsonSerializable(typeof(ChatReadPayload))]
[JsonSerializable(typeof(SendPayload))]
[JsonSerializable(typeof(LineStatusPayload))]
[JsonSerializable(typeof(MessageEnvelope))]
public sealed partial class EventJsonContext : JsonSerializerContext;

/// <summary>Writing and reading event payloads.</summary>
public static class EventJson
{
    /// <summary>The keys of a message object, in the order they are written (text_truncated, written only when true, aside).</summary>
    public static IReadOnlyList<string> MessageKeys { get; } = EventJsonContext.Default.MessageData.Properties
        .Select(p => p.Name).Where(name => name != WireNames.Policy.ConvertName(nameof(MessageData.TextTruncated))).ToArray();

    /// <summary><paramref name="payload"/> as a compact JSON object (the journal's stored form).</summary>
    public static string ToJson<T>(T payload) where T : class => JsonSerializer.Serialize(payload, TypeInfo<T>());

    /// <summary>Writes <paramref name="message"/> as one JSON object with the writer's own encoder.</summary>
    public static void Write(Utf8JsonWriter writer, MessageData message) =>
        JsonSerializer.Serialize(writer, message, EventJsonContext.Default.MessageData);

    /// <summary>
    /// The message a stored payload carries, or null when it carries none or cannot be read (a malformed payload
    /// costs the typed message, never the event).
    /// </summary>
    public static MessageData? ReadMessage(string dataJson)
    {
        try
        {
            return JsonSerializer.Deserialize(dataJson, EventJsonContext.Default.MessageEnvelope)?.Message;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        EventJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not an event payload type (add it to {nameof(EventJsonContext)}).");
}
