using LineAgent.Agent.Pacing;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>The line's token bucket: one token per Messages script call (disabled when Pacing:Enabled is false).</summary>
public sealed class SendPacer(IOptions<PacingOptions> options, TimeProvider time)
{
    private readonly TokenBucket? _bucket = options.Value.Enabled
        ? new TokenBucket(options.Value.MessagesPerSecond, options.Value.Burst, time)
        : null;

    /// <summary>Sends the bucket allows right now; null when pacing is disabled (no limit).</summary>
    public double? Available => _bucket?.Available;

    /// <summary>Waits until the line may send again.</summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken) =>
        _bucket is null ? Task.CompletedTask : _bucket.TakeAsync(cancellationToken);
}
