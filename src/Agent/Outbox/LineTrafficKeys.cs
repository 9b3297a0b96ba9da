namespace LineAgent.Agent.Outbox;

/// <summary>
/// Idempotency keys of the line's own traffic (the canary): they start with <see cref="Prefix"/>, which the API refuses
/// from callers, so a customer send can never take a canary's key or be mistaken for one.
/// </summary>
public static class LineTrafficKeys
{
    /// <summary>The reserved prefix.</summary>
    public const string Prefix = "lineagent:";

    /// <summary>The canary's keys: "lineagent:canary:&lt;round start, Unix seconds&gt;:&lt;peer&gt;".</summary>
    public const string CanaryPrefix = Prefix + "canary:";

    /// <summary>True for a key callers may not use (any case: keys are compared exactly, but a look-alike is refused too).</summary>
    public static bool IsReserved(string key) => key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a canary's key.</summary>
    public static bool IsCanary(string key) => key.StartsWith(CanaryPrefix, StringComparison.Ordinal);
}
