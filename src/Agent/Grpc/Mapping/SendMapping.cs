using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Outbox;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>
/// The send RPCs' requests (already validated) to the outbox's domain requests, and outbox entries to receipts.
/// </summary>
public static class SendMapping
{
    public static MessageSend ToDomain(Proto.SendMessageRequest request) => new()
    {
        ChatGuid = NullIfEmpty(request.ChatGuid),
        To = NullIfEmpty(request.To),
        // parallel_attachments: AppleScript sends every file as its own message, so each run of consecutive media parts
        // goes through the UI instead (pasted into the verified compose field, one Return).
        ParallelAttachments = request.ParallelAttachments,
        Parts = request.Parts.Select(p => p.PartCase switch
        {
            Proto.OutgoingPart.PartOneofCase.Text => new OutboundPart(OutboundPartKind.Text, p.Text.Text),
            Proto.OutgoingPart.PartOneofCase.RichLink => new OutboundPart(OutboundPartKind.RichLink, p.RichLink.Url),
            _ => new OutboundPart(OutboundPartKind.Media, p.Media.AttachmentId),
        }).ToList(),
    };

    public static LocationSend ToDomain(Proto.SendLocationRequest request) => new()
    {
        ChatGuid = NullIfEmpty(request.ChatGuid),
        To = NullIfEmpty(request.To),
        Latitude = request.Latitude,
        Longitude = request.Longitude,
        LocationName = NullIfEmpty(request.Name),
    };

    public static ReactionSend ToDomain(Proto.ReactRequest request) => new()
    {
        MessageGuid = request.MessageGuid,
        Reaction = ReactionMapping.ToDomain(request.Reaction),
        Remove = request.Remove,
        PartIndex = request.PartIndex,
    };

    public static TypingSend ToDomain(Proto.SetTypingRequest request) => new() { ChatGuid = request.ChatGuid, Typing = request.Typing };

    public static CreateChatSend ToDomain(Proto.CreateChatRequest request) => new() { Recipients = [.. request.Recipients], Text = request.Text };

    public static AddParticipantSend ToDomain(Proto.AddParticipantRequest request) => new() { ChatGuid = request.ChatGuid, Handle = request.Handle };

    public static RemoveParticipantSend ToDomain(Proto.RemoveParticipantRequest request) => new() { ChatGuid = request.ChatGuid, Handle = request.Handle };

    public static ReplySend ToDomain(Proto.ReplyRequest request) => new() { MessageGuid = request.MessageGuid, PartIndex = request.PartIndex, Text = request.Text };

    public static EditSend ToDomain(Proto.EditMessageRequest request) => new() { MessageGuid = request.MessageGuid, PartIndex = request.PartIndex, Text = request.Text };

    public static UnsendSend ToDomain(Proto.UnsendMessageRequest request) => new() { MessageGuid = request.MessageGuid, PartIndex = request.PartIndex };

    public static MarkReadSend ToDomain(Proto.MarkChatReadRequest request) => new() { ChatGuid = request.ChatGuid };

    public static RenameChatSend ToDomain(Proto.RenameChatRequest request) => new() { ChatGuid = request.ChatGuid, Name = request.Name };

    /// <summary>The receipt for an outbox entry.</summary>
    public static Proto.SendReceipt ToReceipt(OutboxEntry entry, bool replayed)
    {
        var receipt = new Proto.SendReceipt
        {
            SendId = entry.SendId,
            IdempotencyKey = entry.IdempotencyKey,
            State = entry.State switch
            {
                SendState.Queued => Proto.SendState.Queued,
                SendState.Sending => Proto.SendState.Sending,
                // The receipts the delivery tracker read from the journal tell the rest of the story.
                SendState.Sent => entry.Delivery switch
                {
                    DeliveryState.Read => Proto.SendState.Read,
                    DeliveryState.Delivered => Proto.SendState.Delivered,
                    _ => Proto.SendState.Sent,
                },
                SendState.Failed => Proto.SendState.Failed,
                _ => Proto.SendState.Unconfirmed,
            },
            Replayed = replayed,
            AcceptedAt = Timestamp.FromDateTimeOffset(entry.AcceptedAt),
            ChatGuid = entry.ChatGuid ?? "",
            Error = entry.State is SendState.Failed or SendState.Unconfirmed ? entry.Error ?? "" : "",
            FailureCode = entry.State is SendState.Failed or SendState.Unconfirmed ? ToProto(entry.FailureCode) : Proto.SendFailureCode.Unspecified,
            Retryable = entry.Retryable,
        };
        if (entry.DeliveredAt is { } delivered)
            receipt.DeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        if (entry.ReadAt is { } read)
            receipt.ReadAt = Timestamp.FromDateTimeOffset(read);
        receipt.MessageGuids.AddRange(entry.MessageGuids);
        return receipt;
    }

    /// <summary>The proto enum value of a failure code (same names, SEND_FAILURE_CODE_ prefix).</summary>
    public static Proto.SendFailureCode ToProto(SendFailureCode code) => code switch
    {
        SendFailureCode.None => Proto.SendFailureCode.Unspecified,
        _ => System.Enum.TryParse<Proto.SendFailureCode>(code.ToString(), out var mapped) ? mapped : Proto.SendFailureCode.Unknown,
    };

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
