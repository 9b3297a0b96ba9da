using Grpc.Core;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc;

/// <summary>
/// The send gateway of an agent built without the sending component: every call fails with UNIMPLEMENTED
/// and says so, after the request was validated (so clients can already test their requests).
/// </summary>
public sealed class UnimplementedSendGateway : ISendGateway
{
    private static Task<SendReceipt> Fail(string rpc) => throw new RpcException(new Status(StatusCode.Unimplemented,
        $"{rpc}: the request is valid, but this agent has no sending component yet, so nothing was sent."));

    public Task<SendReceipt> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken) => Fail("SendMessage");
    public Task<SendReceipt> SendLocationAsync(SendLocationRequest request, CancellationToken cancellationToken) => Fail("SendLocation");
    public Task<SendReceipt> ReactAsync(ReactRequest request, CancellationToken cancellationToken) => Fail("React");
    public Task<SendReceipt> SetTypingAsync(SetTypingRequest request, CancellationToken cancellationToken) => Fail("SetTyping");
    public Task<SendReceipt> CreateChatAsync(CreateChatRequest request, CancellationToken cancellationToken) => Fail("CreateChat");
    public Task<SendReceipt> AddParticipantAsync(AddParticipantRequest request, CancellationToken cancellationToken) => Fail("AddParticipant");
    public Task<SendReceipt> RemoveParticipantAsync(RemoveParticipantRequest request, CancellationToken cancellationToken) => Fail("RemoveParticipant");
    public Task<SendReceipt> GetSendAsync(GetSendRequest request, CancellationToken cancellationToken) => Fail("GetSend");
}
