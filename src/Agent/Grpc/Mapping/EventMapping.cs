using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>Journal events → proto events.</summary>
public static class EventMapping
{
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
}
