using Grpc.Core;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Agent.Outbox;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// The send RPCs: validate (INVALID_ARGUMENT naming the field), map to the outbox's domain request, submit it under
// its idempotency key. The outbox's exceptions become statuses in ExceptionStatusInterceptor.
public sealed partial class LineAgentService
{
    public override Task<SendReceipt> SendMessage(SendMessageRequest request, ServerCallContext context)
    {
        sendValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> SendLocation(SendLocationRequest request, ServerCallContext context)
    {
        sendValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> React(ReactRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> SetTyping(SetTypingRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> CreateChat(CreateChatRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> AddParticipant(AddParticipantRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> RemoveParticipant(RemoveParticipantRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> Reply(ReplyRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> EditMessage(EditMessageRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> UnsendMessage(UnsendMessageRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> MarkChatRead(MarkChatReadRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> RenameChat(RenameChatRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return SubmitAsync(request.IdempotencyKey, SendMapping.ToDomain(request), context);
    }

    public override Task<SendReceipt> GetSend(GetSendRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        var entry = request.KeyCase == GetSendRequest.KeyOneofCase.SendId
            ? sends.Find(request.SendId) ?? throw new NotFoundException("send", request.SendId)
            : sends.FindByKey(request.IdempotencyKey) ?? throw new NotFoundException("send with idempotency key", request.IdempotencyKey);
        return Task.FromResult(SendMapping.ToReceipt(entry, replayed: false));
    }

    /// <summary>Metadata `lineagent certify` sends so that it may re-run a capability that failed certification (line.proto, Certification).</summary>
    public const string CertifyHeader = "lineagent-certify";

    private async Task<SendReceipt> SubmitAsync(string idempotencyKey, OutboundRequest request, ServerCallContext context)
    {
        var certifying = context.RequestHeaders.GetValue(CertifyHeader) == "1";
        var (entry, replayed) = await sends.SubmitAsync(idempotencyKey, request, context.CancellationToken, certifying);
        return SendMapping.ToReceipt(entry, replayed);
    }
}
