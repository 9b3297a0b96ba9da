using Grpc.Core;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// The send RPCs: validate (INVALID_ARGUMENT naming the field), then hand over to the send gateway.
public sealed partial class LineAgentService
{
    public override Task<SendReceipt> SendMessage(SendMessageRequest request, ServerCallContext context)
    {
        sendValidator.Validate(request);
        return sendGateway.SendMessageAsync(request, context.CancellationToken);
    }

    public override Task<SendReceipt> SendLocation(SendLocationRequest request, ServerCallContext context)
    {
        sendValidator.Validate(request);
        return sendGateway.SendLocationAsync(request, context.CancellationToken);
    }

    public override Task<SendReceipt> React(ReactRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return sendGateway.ReactAsync(request, context.CancellationToken);
    }

    public override Task<SendReceipt> SetTyping(SetTypingRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return sendGateway.SetTypingAsync(request, context.CancellationToken);
    }

    public override Task<SendReceipt> CreateChat(CreateChatRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return sendGateway.CreateChatAsync(request, context.CancellationToken);
    }

    public override Task<SendReceipt> AddParticipant(AddParticipantRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return sendGateway.AddParticipantAsync(request, context.CancellationToken);
    }

    public override Task<SendReceipt> RemoveParticipant(RemoveParticipantRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return sendGateway.RemoveParticipantAsync(request, context.CancellationToken);
    }

    public override Task<SendReceipt> GetSend(GetSendRequest request, ServerCallContext context)
    {
        SendRequestValidator.Validate(request);
        return sendGateway.GetSendAsync(request, context.CancellationToken);
    }
}
