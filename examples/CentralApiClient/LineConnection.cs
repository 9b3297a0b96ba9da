using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LineAgent.Protocol.V1;

namespace LineAgent.Examples.CentralApiClient;

/// <summary>
/// What the central API does with one line: follow its events without losing or repeating any across disconnects
/// (resume after the last cursor it processed), and send with idempotency keys so a retry never sends twice.
/// </summary>
public sealed class LineConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public LineConnection(Uri address, string token)
    {
        _channel = GrpcChannel.ForAddress(address);
        Client = new LineAgent.Protocol.V1.LineAgent.LineAgentClient(_channel.CreateCallInvoker().Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return metadata;
        }));
    }

    public LineAgent.Protocol.V1.LineAgent.LineAgentClient Client { get; }

    /// <summary>
    /// Streams events after <paramref name="afterCursor"/> to <paramref name="handle"/>, reconnecting when the stream
    /// breaks (UNAVAILABLE: agent restarting, network) and resuming after the last cursor handled — so each event is
    /// handled once, in order. Store the cursor with what <paramref name="handle"/> did to survive your own restarts.
    /// Returns the last cursor handled when <paramref name="cancellationToken"/> stops it.
    /// </summary>
    public async Task<long> FollowEventsAsync(long afterCursor, Func<Event, Task> handle, CancellationToken cancellationToken)
    {
        var cursor = afterCursor;
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var stream = Client.StreamEvents(new StreamEventsRequest { Start = StreamStart.AfterCursor, AfterCursor = cursor },
                    cancellationToken: cancellationToken);
                await foreach (var item in stream.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    if (item.Event is { } e)
                    {
                        await handle(e);
                        cursor = e.Cursor;
                    }
                    else if (item.Checkpoint is { } checkpoint)
                    {
                        cursor = Math.Max(cursor, checkpoint.Cursor); // nothing of interest up to here
                    }
                    backoff = TimeSpan.FromMilliseconds(200);
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
        }
        return cursor;
    }

    /// <summary>
    /// Sends a text under <paramref name="idempotencyKey"/> (one key per logical message, e.g. your message id),
    /// retrying a failed call with the same key: whatever the network did, the recipient gets it at most once.
    /// </summary>
    public async Task<SendReceipt> SendTextAsync(string idempotencyKey, string to, string text, CancellationToken cancellationToken)
    {
        var request = new SendMessageRequest
        {
            IdempotencyKey = idempotencyKey,
            To = to,
            Parts = { new OutgoingPart { Text = new TextPart { Text = text } } },
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Client.SendMessageAsync(request, cancellationToken: cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }

    public void Dispose() => _channel.Dispose();
}
