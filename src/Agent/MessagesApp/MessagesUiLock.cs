namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// The one lock every Messages action and probe takes — AppleScript sends, accessibility actions, and the probes
/// between them — so a probe never lands inside an action and two actions never interleave in the UI
/// (Beeper: one queue and one lock; blip: a flock). Singleton.
/// </summary>
public sealed class MessagesUiLock
{
    /// <summary>How long a probe waits for an action in progress before reporting "busy".</summary>
    public static readonly TimeSpan ProbeWaitLimit = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the lock (actions wait as long as it takes; they are serial anyway).</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    /// <summary>For probes: waits at most <see cref="ProbeWaitLimit"/>, else throws "busy" (never interrupts an action).</summary>
    public async Task<IDisposable> AcquireForProbeAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(ProbeWaitLimit, cancellationToken))
            throw OsaErrorClassifier.Busy();
        return new Releaser(_gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
