using LineAgent.Agent.Grpc.Errors;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Grpc.Events;

/// <summary>Caps concurrent StreamEvents calls (<see cref="GrpcOptions.MaxEventStreams"/>); one more gets RESOURCE_EXHAUSTED.</summary>
public sealed class EventStreamLimiter(IOptions<GrpcOptions> options)
{
    /// <summary>What a refused caller is told to wait.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private int _open;

    /// <summary>Streams open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a slot (dispose to release) or throws <see cref="RateLimitedException"/>.</summary>
    public IDisposable Enter()
    {
        var max = options.Value.MaxEventStreams;
        if (Interlocked.Increment(ref _open) > max)
        {
            Interlocked.Decrement(ref _open);
            throw new RateLimitedException($"This line already serves {max} event streams (Grpc:MaxEventStreams); close one or retry later.", RetryAfter);
        }
        return new Slot(this);
    }

    private sealed class Slot(EventStreamLimiter limiter) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                Interlocked.Decrement(ref limiter._open);
        }
    }
}
