namespace LineAgent.Agent.Outbox;

/// <summary>Wakes the send worker when a send is accepted (it also polls, so a lost wake-up only costs latency).</summary>
public sealed class SendSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Signals that work may be waiting.</summary>
    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/>.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
