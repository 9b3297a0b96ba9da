using Grpc.Core;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// StreamEvents: one writer per stream. The loop reads one page after the cursor, writes it, and when caught up
// awaits the journal's append signal. Nothing else writes to the stream. Memory per stream is bounded by bytes, not
// event counts: a page holds about PageBytes of payload (EventPageLimit) and at most FlushBytes are written before an
// awaited flush, which HTTP/2 flow control holds while the consumer does not read. A stalled consumer therefore costs
// about PageBytes + FlushBytes + Kestrel's per-stream buffer, and only slows its own loop.
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
        var pageLimit = new EventPageLimit(grpcOptions.Value.EventPageSize, PageBytes);
        // Events stored in this build's encoding and small enough to go out unchanged are sent as stored (the framing
        // is added: the cursor field, at most 11 bytes); every other event is mapped as before.
        var maxEncoded = EventMapping.SentUnchangedWithin(grpcOptions.Value.MaxSendMessageBytes) - 11;
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
                var limit = pageLimit.Next;
                var page = journal.ReadEncodedAfter(position, limit, types, StreamEventEncoder.Instance, maxEncoded);
                // Pruning removes a prefix; if it overtook this stream, say so instead of skipping silently.
                if (page.Count == 0 || page[0].Cursor != position + 1)
                    EventStreamStart.CheckNotPruned(position, journal);

                var buffered = 0L;
                for (var i = 0; i < page.Count; i++)
                {
                    var e = page[i];
                    var response = mappedEvents.Response(e);
                    buffered += e.Size;
                    // Flush every FlushBytes and at the page's end: an awaited flush waits for HTTP/2 flow control, so
                    // a consumer that stops reading holds this loop, not the agent's memory.
                    var flush = i == page.Count - 1 || buffered >= FlushBytes;
                    context.WriteOptions = flush ? null : BufferHint;
                    await responseStream.WriteAsync(response, ct);
                    if (flush)
                        buffered = 0;
                }
                pageLimit.Observe(page);
                if (page.Count > 0)
                    position = page[^1].Cursor;
                if (page.Count == limit)
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

    /// <summary>Bytes (encoded events, or data_json characters) one page of a stream holds, about.</summary>
    public const int PageBytes = 256 * 1024;

    /// <summary>Bytes (as for <see cref="PageBytes"/>) written to a stream between awaited flushes.</summary>
    public const int FlushBytes = 64 * 1024;

    private static readonly WriteOptions BufferHint = new(WriteFlags.BufferHint);
}
