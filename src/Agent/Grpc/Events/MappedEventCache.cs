using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Journal;
using Microsoft.Extensions.Options;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Events;

/// <summary>
/// Events already mapped to proto, shared by every StreamEvents stream: clients replaying or tailing the same part
/// of the journal (the usual case: every consumer reads the newest events) map each event once, not once per
/// stream, and mapping (parsing the stored payload into the typed message) is most of a stream's CPU per event.
/// A journaled event never changes, so its proto is a pure function of its cursor (and id, checked so a slot can
/// never answer for another event); the protos are only read after mapping (serialized by each stream), never
/// written. Direct-mapped by cursor, lock-free, bounded: <see cref="Slots"/> events of at most
/// <see cref="MaxCachedChars"/> payload characters each (larger events are mapped per stream), a few MB at most.
/// </summary>
public sealed class MappedEventCache(IOptions<GrpcOptions> options)
{
    /// <summary>Events held (a power of two; cursor modulo this is the slot).</summary>
    public const int Slots = 2048;

    /// <summary>Largest payload (data_json characters) kept; message events are well under it.</summary>
    public const int MaxCachedChars = 2048;

    private readonly Proto.Event?[] _slots = new Proto.Event?[Slots];
    private readonly int _maxEventBytes = options.Value.MaxSendMessageBytes;

    /// <summary>The proto of <paramref name="e"/> as <see cref="EventMapping.ToProto(JournalEvent, int)"/> maps it
    /// for this server's Grpc:MaxSendMessageBytes; the caller must not modify it.</summary>
    public Proto.Event Get(JournalEvent e)
    {
        if (e.DataJson.Length > MaxCachedChars)
            return EventMapping.ToProto(e, _maxEventBytes);
        ref var slot = ref _slots[(int)(e.Cursor & (Slots - 1))];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && cached.Cursor == e.Cursor && cached.Id == e.Id)
            return cached;
        var mapped = EventMapping.ToProto(e, _maxEventBytes);
        Volatile.Write(ref slot, mapped);
        return mapped;
    }
}
