using LineAgent.Agent.Outbox;

namespace LineAgent.Agent.Grpc.Errors;

/// <summary>
/// The statuses of the components' own exceptions (the outbox knows nothing of gRPC): each becomes the
/// <see cref="ApiException"/> the caller sees, with the same message and fix.
/// </summary>
public static class DomainExceptionMapper
{
    /// <summary>The API exception for <paramref name="ex"/>, or null when it is not a domain exception.</summary>
    public static ApiException? TryMap(Exception ex) => ex switch
    {
        IdempotencyConflictException conflict =>
            new PreconditionFailedException(conflict.Message, "use a new idempotency key for a different request.", conflict),
        KnownFailingHandleException failing => new PreconditionFailedException(failing.Message, KnownFailingHandleException.Fix, failing,
            SendFailures.Name(SendFailureCode.KnownFailingHandle)),
        PacingRejectedException pacing => new RateLimitedException(pacing.Message, pacing.RetryAfter, SendFailures.Name(pacing.Code)),
        CapabilityCertificationFailedException certification => new PreconditionFailedException(certification.Message,
            CapabilityCertificationFailedException.Fix, certification),
        CapabilityUnavailableException capability => new PreconditionFailedException(capability.Message, CapabilityUnavailableException.Fix, capability),
        InvalidSendRequestException invalid => new InvalidFieldException(invalid.Field, invalid.Problem),
        SendPreconditionException precondition => new PreconditionFailedException(precondition.Message,
            "check the message in GetMessage (its sender, date, edits and unsent parts) before asking again.", precondition),
        SendTargetNotFoundException missing => new NotFoundException($"{missing.Field}: {missing.What}", missing.Id),
        _ => null,
    };
}
