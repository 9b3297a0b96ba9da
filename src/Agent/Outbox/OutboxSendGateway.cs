using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Grpc;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// The send RPCs over the outbox: maps the (already validated) proto requests to <see cref="OutboundRequest"/>,
/// submits them under their idempotency key and answers with a receipt (state queued for a new send; the
/// original receipt, replayed = true, for a repeat). UI-scripted kinds are refused up front with
/// FAILED_PRECONDITION when the capability probe knows Accessibility is missing.
/// </summary>
public sealed class OutboxSendGateway(SendPipeline pipeline, MessagesCapabilityProbe capabilities) : ISendGateway
{
    /// <inheritdoc />
    public Task<SendReceipt> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken)
    {
        // parallel_attachments: AppleScript sends every file as its own message (grouped galleries need the
        // Private API, reference §1.4), so media parts always go out one per call, in order.
        var parts = request.Parts.Select(p => p.PartCase switch
        {
            OutgoingPart.PartOneofCase.Text => new OutboundPart(OutboundPartKind.Text, p.Text.Text),
            OutgoingPart.PartOneofCase.RichLink => new OutboundPart(OutboundPartKind.RichLink, p.RichLink.Url),
            _ => new OutboundPart(OutboundPartKind.Media, p.Media.AttachmentId),
        }).ToList();
        return SubmitAsync(request.IdempotencyKey, new OutboundRequest
        {
            Kind = SendKind.Message, ChatGuid = Chat(request.ChatGuid), To = To(request.To), Parts = parts,
        }, parts.Any(p => p.Kind == OutboundPartKind.RichLink) ? null : LineCapability.SendText, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SendReceipt> SendLocationAsync(SendLocationRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request.IdempotencyKey, new OutboundRequest
        {
            Kind = SendKind.Location, ChatGuid = Chat(request.ChatGuid), To = To(request.To),
            Latitude = request.Latitude, Longitude = request.Longitude, LocationName = Empty(request.Name),
        }, LineCapability.SendLocation, cancellationToken);

    /// <inheritdoc />
    public Task<SendReceipt> ReactAsync(ReactRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request.IdempotencyKey, new OutboundRequest
        {
            Kind = SendKind.Reaction, MessageGuid = request.MessageGuid, Reaction = (TapbackKind)(int)request.Reaction,
            Remove = request.Remove, PartIndex = request.PartIndex,
        }, LineCapability.Tapbacks, cancellationToken);

    /// <inheritdoc />
    public Task<SendReceipt> SetTypingAsync(SetTypingRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request.IdempotencyKey, new OutboundRequest { Kind = SendKind.Typing, ChatGuid = Chat(request.ChatGuid), Typing = request.Typing },
            LineCapability.Typing, cancellationToken);

    /// <inheritdoc />
    public Task<SendReceipt> CreateChatAsync(CreateChatRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request.IdempotencyKey, new OutboundRequest { Kind = SendKind.CreateChat, Recipients = [.. request.Recipients], Text = request.Text },
            LineCapability.GroupCreate, cancellationToken);

    /// <inheritdoc />
    public Task<SendReceipt> AddParticipantAsync(AddParticipantRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request.IdempotencyKey, new OutboundRequest { Kind = SendKind.AddParticipant, ChatGuid = Chat(request.ChatGuid), Handle = request.Handle },
            LineCapability.ParticipantChanges, cancellationToken);

    /// <inheritdoc />
    public Task<SendReceipt> RemoveParticipantAsync(RemoveParticipantRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(request.IdempotencyKey, new OutboundRequest { Kind = SendKind.RemoveParticipant, ChatGuid = Chat(request.ChatGuid), Handle = request.Handle },
            LineCapability.ParticipantChanges, cancellationToken);

    /// <inheritdoc />
    public Task<SendReceipt> GetSendAsync(GetSendRequest request, CancellationToken cancellationToken)
    {
        var entry = request.KeyCase == GetSendRequest.KeyOneofCase.SendId
            ? pipeline.Find(request.SendId) ?? throw new NotFoundException("send", request.SendId)
            : pipeline.FindByKey(request.IdempotencyKey) ?? throw new NotFoundException("send with idempotency key", request.IdempotencyKey);
        return Task.FromResult(Receipt(entry, replayed: false));
    }

    private async Task<SendReceipt> SubmitAsync(string key, OutboundRequest request, LineCapability? capability, CancellationToken cancellationToken)
    {
        // A retry of an accepted send is answered whatever the line's state now.
        if (pipeline.FindByKey(key) is null && capability is { } needed && IsUiScripted(needed))
        {
            var availability = (await capabilities.GetAsync(cancellationToken)).For(needed);
            if (availability.State == ProbeState.Unavailable)
                throw new PreconditionFailedException($"This line cannot do {needed} right now: {availability.Reason}",
                    "grant the permission named above to the agent on the Mac, then retry (GetLine shows each capability).");
        }
        if (request.ChatGuid is not null && !IsChatGuid(request.ChatGuid))
            throw new InvalidFieldException("chat_guid", "not a chat GUID (<service>;-;<address> or <service>;+;<id>)");
        try
        {
            var (entry, replayed) = pipeline.Submit(key, request);
            return Receipt(entry, replayed);
        }
        catch (IdempotencyConflictException ex)
        {
            throw new PreconditionFailedException(ex.Message, "use a new idempotency key for a different request.");
        }
        catch (PacingRejectedException ex)
        {
            throw new RateLimitedException(ex.Message, ex.RetryAfter);
        }
    }

    private static bool IsUiScripted(LineCapability capability) =>
        capability is not (LineCapability.SendText or LineCapability.SendAttachments or LineCapability.SendLocation);

    private static bool IsChatGuid(string guid)
    {
        try
        {
            _ = new ChatTarget(guid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The receipt for an outbox entry.</summary>
    public static SendReceipt Receipt(OutboxEntry entry, bool replayed)
    {
        var receipt = new SendReceipt
        {
            SendId = entry.SendId,
            IdempotencyKey = entry.IdempotencyKey,
            State = entry.State switch
            {
                SendState.Queued => Protocol.V1.SendState.Queued,
                SendState.Sending => Protocol.V1.SendState.Sending,
                SendState.Sent => Protocol.V1.SendState.Sent,
                SendState.Failed => Protocol.V1.SendState.Failed,
                _ => Protocol.V1.SendState.Unconfirmed,
            },
            Replayed = replayed,
            AcceptedAt = Timestamp.FromDateTimeOffset(entry.AcceptedAt),
            ChatGuid = entry.ChatGuid ?? "",
            Error = entry.State is SendState.Failed or SendState.Unconfirmed ? entry.Error ?? "" : "",
        };
        receipt.MessageGuids.AddRange(entry.MessageGuids);
        return receipt;
    }

    private static string? Chat(string guid) => string.IsNullOrEmpty(guid) ? null : guid;
    private static string? To(string to) => string.IsNullOrEmpty(to) ? null : to;
    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;
}
