using Grpc.Core;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// StreamEvents: one writer per stream. The loop reads one page after the cursor, writes it, and when caught up
// awaits the journal's append signal. Nothing else writes to the stream, and at most one page is held, so a slow
// consumer only slows its own loop (HTTP/2 flow control makes WriteAsync wait); it never grows the agent's memory.
public sealed partial class LineAgentService
{
    /// <summary>How often, at most, a filtered stream sends a checkpoint while only non-matching events arrive.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(10);

    /// <summary>Response header carrying the cursor the stream starts after.</summary>
    public const string StartCursorHeader = "lineagent-start-cursor";

    public override async Task StreamEvents(StreamEventsRequest request, IServerStreamWriter<StreamEventsResponse> responseStream, ServerCallContext context)
    {
        // A stream never ends by itself, and the host waits for open requests before it stops (30 s, longer than
        // launchd's ExitTimeOut): on shutdown the stream ends with UNAVAILABLE, and the client resumes after its
        // last cursor against the next agent process.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        var types = EventStreamStart.Types(request.EventTypes);
        using var slot = streamLimiter.Enter();
        var position = EventStreamStart.Resolve(request, journal);
        var pageSize = grpcOptions.Value.EventPageSize;
        var lastCheckpointAt = DateTimeOffset.MinValue;
        GrpcLog.EventStreamOpened(logger, context.Peer, position);
        // Headers go out at once (not with the first event) so a client knows its stream is established: with
        // STREAM_START_LATEST, everything appended from now on is delivered.
        await context.WriteResponseHeadersAsync(new Metadata { { StartCursorHeader, position.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var lastBeforeRead = journal.LastCursor;
                var page = journal.ReadAfter(position, pageSize, types);
                // Pruning removes a prefix; if it overtook this stream, say so instead of skipping silently.
                if (page.Count == 0 || page[0].Cursor != position + 1)
                    EventStreamStart.CheckNotPruned(position, journal);

                for (var i = 0; i < page.Count; i++)
                {
                    // Buffer all but the page's last message; the last write flushes the lot.
                    context.WriteOptions = i < page.Count - 1 ? BufferHint : null;
                    await responseStream.WriteAsync(new StreamEventsResponse { Event = EventMapping.ToProto(page[i]) }, ct);
                }
                if (page.Count > 0)
                    position = page[^1].Cursor;
                if (page.Count == pageSize)
                    continue;

                // Caught up: every event up to lastBeforeRead has been examined.
                if (types is not null && lastBeforeRead > position)
                {
                    position = lastBeforeRead;
                    var now = time.GetUtcNow();
                    if (now - lastCheckpointAt >= CheckpointInterval)
                    {
                        lastCheckpointAt = now;
                        context.WriteOptions = null;
                        await responseStream.WriteAsync(new StreamEventsResponse { Checkpoint = new Checkpoint { Cursor = position } }, ct);
                    }
                }
                await journal.WaitForAppendAsync(position, ct);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The agent is shutting down; resume with after_cursor."));
        }
        finally
        {
            GrpcLog.EventStreamClosed(logger, context.Peer, position);
        }
    }

    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);
}
