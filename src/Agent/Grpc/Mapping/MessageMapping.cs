using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Events;
using LineAgent.ChatDbReader.Records;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>
/// Messages → proto, from the one wire shape (<see cref="MessageData"/>): a message read from history and the same
/// message carried by an event map through the same code, so they are equal.
/// </summary>
public static class MessageMapping
{
    public static Proto.Message ToProto(MessageRecord m) => ToProto(MessageData.From(m));

    public static Proto.Message ToProto(MessageData m)
    {
        var message = new Proto.Message
        {
            Rowid = m.Rowid,
            Guid = m.Guid,
            Service = m.Service ?? "",
            IsFromMe = m.IsFromMe,
            Sender = m.Sender ?? "",
            Date = Time(m.Date),
            DateDelivered = Time(m.DateDelivered),
            DateRead = Time(m.DateRead),
            DateEdited = Time(m.DateEdited),
            Text = m.Text ?? "",
            Kind = WireNames.Of(m.Kind),
            IsSent = m.IsSent,
            IsDelivered = m.IsDelivered,
            IsRead = m.IsRead,
            Error = m.Error,
            Edited = m.Edited,
            Unsent = m.Unsent,
            ThreadOriginatorGuid = m.ThreadOriginatorGuid ?? "",
            BalloonBundleId = m.BalloonBundleId ?? "",
            TextTruncated = m.TextTruncated,
        };
        message.ChatGuids.AddRange(m.ChatGuids);
        if (m.Reaction is { } r)
        {
            message.Reaction = new Proto.Reaction
            {
                Type = WireNames.Of(r.Type),
                Emoji = r.Emoji ?? "",
                Removed = r.Removed,
                TargetGuid = r.TargetGuid ?? "",
            };
            if (r.TargetPart is { } part)
                message.Reaction.TargetPart = part;
        }
        if (m.GroupEvent is { } g)
            message.GroupEvent = new Proto.GroupEvent { Type = WireNames.Of(g.Type), Handle = g.Handle ?? "", Title = g.Title ?? "" };
        foreach (var a in m.Attachments)
        {
            message.Attachments.Add(new Proto.Attachment
            {
                Guid = a.Guid,
                TransferName = a.TransferName ?? "",
                MimeType = a.MimeType ?? "",
                Uti = a.Uti ?? "",
                TotalBytes = a.TotalBytes,
                Path = a.Path ?? "",
            });
        }
        return message;
    }

    public static Proto.Chat ToProto(ChatRecord c)
    {
        var chat = new Proto.Chat
        {
            Guid = c.Guid,
            Rowid = c.RowId,
            IsGroup = c.IsGroup,
            ChatIdentifier = c.ChatIdentifier ?? "",
            ServiceName = c.ServiceName ?? "",
            DisplayName = c.DisplayName ?? "",
            GroupId = c.GroupId ?? "",
            LastReadMessageTimestamp = Time(c.LastReadMessageTimestamp),
        };
        chat.Participants.AddRange(c.Participants);
        return chat;
    }

    private static Timestamp? Time(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;
}
