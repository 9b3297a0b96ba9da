using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Journal;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>Journal events → proto events.</summary>
public static class EventMapping
{
    public static Proto.Event ToProto(JournalEvent e) => new()
    {
        Cursor = e.Cursor,
        Id = e.Id,
        Type = e.Type,
        OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
        ChatGuid = e.ChatGuid ?? "",
        MessageGuid = e.MessageGuid ?? "",
        DataJson = e.DataJson,
        Message = e.MessageGuid is null ? null : MessageJsonReader.FromEventData(e.DataJson),
    };
}
