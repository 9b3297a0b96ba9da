using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc;

/// <summary>
/// Where the send RPCs hand over, after <see cref="Validation.SendRequestValidator"/> accepted the request
/// (required fields present, handles well-formed, limits respected, media attachment ids exist). The
/// sending component implements it with the outbox: honour the idempotency key (a repeat returns the
/// original receipt with Replayed = true; the same key with a different request → FAILED_PRECONDITION),
/// and throw <see cref="Errors.ApiException"/> subclasses for anything the caller should see
/// (RateLimitedException for pacing, PreconditionFailedException for missing permissions or capabilities).
/// Register the implementation with AddSingleton; the default (<see cref="UnimplementedSendGateway"/>) is TryAdd'ed.
/// </summary>
public interface ISendGateway
{
    Task<SendReceipt> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken);
    Task<SendReceipt> SendLocationAsync(SendLocationRequest request, CancellationToken cancellationToken);
    Task<SendReceipt> ReactAsync(ReactRequest request, CancellationToken cancellationToken);
    Task<SendReceipt> SetTypingAsync(SetTypingRequest request, CancellationToken cancellationToken);
    Task<SendReceipt> CreateChatAsync(CreateChatRequest request, CancellationToken cancellationToken);
    Task<SendReceipt> AddParticipantAsync(AddParticipantRequest request, CancellationToken cancellationToken);
    Task<SendReceipt> RemoveParticipantAsync(RemoveParticipantRequest request, CancellationToken cancellationToken);

    /// <summary>An earlier send by id or idempotency key; throw NotFoundException when unknown.</summary>
    Task<SendReceipt> GetSendAsync(GetSendRequest request, CancellationToken cancellationToken);
}
