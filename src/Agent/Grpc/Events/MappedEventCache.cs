using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Journal;
using Microsoft.Extensions.Options;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Events;

/// <summary>
/// Responses already built, shared by every StreamEvents stream: clients replaying or tailing the same part of the
/// journal (the usual case: every consumer reads the newest events) build each event's response once, not once per
/// stream. A journaled event never changes, so its response is a pure function of what the journal returned for its
/// cursor: the stored encoding (checked byte for byte) or the event itself (its id checked), so a slot can never
/// answer for another event. Responses are only read after they are built (serialized by each stream), never
/// written. Direct-mapped by cursor, lock-free, bounded: <see cref="Slots"/> events of at most
/// <see cref="MaxCachedChars"/> payload characters or <see cref="MaxCachedBytes"/> encoded bytes each (larger events
/// are built per stream), a few MB at most.
/// </summary>
public sealed class MappedEventCache(IOptions<GrpcOptions> options)
{
    /// <summary>Events held (a power of two; cursor modulo this is the slot).</summary>
    public const int Slots = 2048;

    /// <summary>Largest payload (data_json characters) of a mapped event kept; message events are well under it.</summary>
    public const int MaxCachedChars = 2048;

    /// <summary>Largest framed encoding kept (once: the response it builds writes those same bytes).</summary>
    public const int MaxCachedBytes = 2048;

    private readonly Proto.Event?[] _mapped = new Proto.Event?[Slots];
    private readonly Encoded?[] _encoded = new Encoded?[Slots];
    private readonly int _maxEventBytes = options.Value.MaxSendMessageBytes;

    /// <summary>The response StreamEvents sends for <paramref name="e"/>; the caller must not modify it.</summary>
    public Proto.StreamEventsResponse Response(EncodedJournalEvent e)
    {
        if (e.Encoded is not { } bytes)
            return new Proto.StreamEventsResponse { Event = Get(e.Event!) };
        if (bytes.Length > MaxCachedBytes)
            return StreamEventEncoder.Response(bytes);
        ref var slot = ref _encoded[(int)(e.Cursor & (Slots - 1))];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && cached.Cursor == e.Cursor && cached.Bytes.AsSpan().SequenceEqual(bytes))
            return cached.Response;
        var built = new Encoded(e.Cursor, bytes, StreamEventEncoder.Response(bytes));
        Volatile.Write(ref slot, built);
        return built.Response;
    }

    /// <summary>The proto of <paramref name="e"/> as <see cref="EventMapping.ToProto(JournalEvent, int)"/> maps it
    /// for this server's Grpc:MaxSendMessageBytes; the caller must not modify it.</summary>
    public Proto.Event Get(JournalEvent e)
    {
        if (e.DataJson.Length > MaxCachedChars)
            return EventMapping.ToProto(e, _maxEventBytes);
        ref var slot = ref _mapped[(int)(e.Cursor & (Slots - 1))];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && cached.Cursor == e.Cursor && cached.Id == e.Id)
            return cached;
        var mapped = EventMapping.ToProto(e, _maxEventBytes);
        Volatile.Write(ref slot, mapped);
        return mapped;
    }

    private sealed record Encoded(long Cursor, byte[] Bytes, Proto.StreamEventsResponse Response);
}
