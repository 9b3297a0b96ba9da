using Grpc.Core;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify;

/// <summary>
/// A line's event stream from the moment certify starts (StreamEvents, STREAM_START_LATEST), kept in memory so a row can
/// wait, with a deadline, for the event that proves it. One per line (this one and, with --peer-line, the peer's).
/// </summary>
internal sealed class EventWatch : IAsyncDisposable
{
    private readonly List<Proto.Event> _events = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly AsyncServerStreamingCall<Proto.StreamEventsResponse> _call;
    private readonly Task _reader;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EventWatch(AsyncServerStreamingCall<Proto.StreamEventsResponse> call)
    {
        _call = call;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Opens the stream and returns once the line has fixed where it starts (nothing after this is missed).</summary>
    public static async Task<EventWatch> StartAsync(Proto.LineAgent.LineAgentClient client, CancellationToken cancellationToken)
    {
        var call = client.StreamEvents(new Proto.StreamEventsRequest { Start = Proto.StreamStart.Latest }, cancellationToken: cancellationToken);
        await call.ResponseHeadersAsync;
        return new EventWatch(call);
    }

    /// <summary>The first event (since the start) that matches, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<Proto.Event?> WaitAsync(Func<Proto.Event, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_events.FirstOrDefault(match) is { } found)
                    return found;
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var item in _call.ResponseStream.ReadAllAsync(_stop.Token))
            {
                if (item.Event is not { } e)
                    continue;
                lock (_lock)
                {
                    _events.Add(e);
                    _changed.TrySetResult();
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            // The stream ended (stopped, or the line went away): the rows still waiting time out and say so.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _call.Dispose();
        await _reader;
        _stop.Dispose();
    }
}
