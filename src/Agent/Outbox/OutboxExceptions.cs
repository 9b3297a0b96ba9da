namespace LineAgent.Agent.Outbox;

/// <summary>The idempotency key was already used for a different request.</summary>
public sealed class IdempotencyConflictException(string key)
    : Exception($"Idempotency key '{key}' was already used for a different request; use a new key for a new send.")
{
    public string Key { get; } = key;
}

/// <summary>The send does not fit the line's pacing budget or queue now; retry after <see cref="RetryAfter"/>.</summary>
public sealed class PacingRejectedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
