namespace LineAgent.Agent.Pacing;

/// <summary>
/// A token bucket: <see cref="Capacity"/> tokens, refilled continuously at <see cref="RatePerSecond"/>. One
/// token per Messages send. Thread-safe; time comes from the <see cref="TimeProvider"/> (fake time in tests).
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _lastRefill;

    /// <summary>Creates a full bucket.</summary>
    public TokenBucket(double ratePerSecond, int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        RatePerSecond = ratePerSecond;
        Capacity = capacity;
        _time = time;
        _tokens = capacity;
        _lastRefill = time.GetTimestamp();
    }

    /// <summary>Refill rate.</summary>
    public double RatePerSecond { get; }

    /// <summary>Maximum tokens (the burst size).</summary>
    public int Capacity { get; }

    /// <summary>Tokens available now (fractional while refilling), without taking any.</summary>
    public double Available
    {
        get
        {
            lock (_lock)
            {
                Refill();
                return _tokens;
            }
        }
    }

    /// <summary>Takes a token if one is available and returns <see cref="TimeSpan.Zero"/>; otherwise takes nothing and returns how long until one is.</summary>
    public TimeSpan TryTake()
    {
        lock (_lock)
        {
            Refill();
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return TimeSpan.Zero;
            }
            return TimeSpan.FromSeconds((1 - _tokens) / RatePerSecond);
        }
    }

    /// <summary>Waits until a token is available and takes it.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = TryTake();
            if (wait == TimeSpan.Zero)
                return;
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(Capacity, _tokens + elapsed * RatePerSecond);
    }
}
