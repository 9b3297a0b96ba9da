using Grpc.Core;

namespace LineAgent.Agent.Grpc.Errors;

/// <summary>
/// A failure with a known gRPC status. Throw a subclass from any component reached by an RPC (send gateway,
/// history, attachments); <see cref="Interceptors.ExceptionStatusInterceptor"/> turns it into the status,
/// with <see cref="Exception.Message"/> as the detail, which callers see: say what failed and how to fix it.
/// </summary>
public abstract class ApiException(StatusCode code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The gRPC status code the caller receives.</summary>
    public StatusCode Code { get; } = code;

    /// <summary>Adds trailers (e.g. retry-after) to the failed call. Default: none.</summary>
    public virtual void AddTrailers(Metadata trailers)
    {
    }
}

/// <summary>INVALID_ARGUMENT naming the field, e.g. "parts[1].media.attachment_id: not found".</summary>
public sealed class InvalidFieldException(string field, string problem)
    : ApiException(StatusCode.InvalidArgument, $"{field}: {problem}")
{
    /// <summary>The proto field path at fault.</summary>
    public string Field { get; } = field;
}

/// <summary>NOT_FOUND naming what was looked up, e.g. "chat 'iMessage;-;+1555…' not found".</summary>
public sealed class NotFoundException(string what, string id)
    : ApiException(StatusCode.NotFound, $"{what} '{id}' not found");

/// <summary>FAILED_PRECONDITION: the line cannot do this until something is fixed; the message says what.</summary>
public sealed class PreconditionFailedException(string problem, string fix, Exception? inner = null, string? failureCode = null)
    : ApiException(StatusCode.FailedPrecondition, $"{problem} To fix: {fix}", inner)
{
    public override void AddTrailers(Metadata trailers)
    {
        if (failureCode is not null)
            trailers.Add(FailureCodeTrailer.Key, failureCode);
    }
}

/// <summary>
/// RESOURCE_EXHAUSTED with a "retry-after" trailer in whole seconds (rounded up), e.g. pacing limits or
/// too many concurrent streams.
/// </summary>
public sealed class RateLimitedException(string message, TimeSpan retryAfter, string? failureCode = null)
    : ApiException(StatusCode.ResourceExhausted, message)
{
    /// <summary>Trailer key carrying the delay in seconds.</summary>
    public const string RetryAfterTrailer = "retry-after";

    /// <summary>How long the caller should wait before trying again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;

    public override void AddTrailers(Metadata trailers)
    {
        trailers.Add(RetryAfterTrailer, Math.Max(1, (long)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (failureCode is not null)
            trailers.Add(FailureCodeTrailer.Key, failureCode);
    }
}

/// <summary>The trailer a refused send carries: the send failure code's snake_case name (send.proto, SendFailureCode).</summary>
public static class FailureCodeTrailer
{
    public const string Key = "lineagent-failure-code";
}

/// <summary>UNAVAILABLE: temporarily unable (Messages not running, chat.db busy); retrying later may work.</summary>
public sealed class ServiceUnavailableException(string message, Exception? inner = null)
    : ApiException(StatusCode.Unavailable, message, inner);

/// <summary>OUT_OF_RANGE, e.g. an event cursor outside the retained journal.</summary>
public sealed class OutOfRangeException(string message)
    : ApiException(StatusCode.OutOfRange, message);

/// <summary>DEADLINE_EXCEEDED raised by the agent itself, e.g. an upload stream idle for too long.</summary>
public sealed class TimedOutException(string message)
    : ApiException(StatusCode.DeadlineExceeded, message);
