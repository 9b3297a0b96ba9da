using System.Runtime.CompilerServices;
using Google.Protobuf;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Journal;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Events;

/// <summary>
/// Stores each event as StreamEvents sends it: the serialized proto <see cref="Proto.Event"/> of
/// <see cref="EventMapping.ToProto(JournalEvent)"/> without its cursor (the insert assigns it; field 1 is written first,
/// so the cursor is prepended when read). Mapping parses the payload JSON and was most of a replay's CPU per event;
/// with this a replay reads and writes bytes. The bytes are a cache of the mapping, never a second source: the format
/// is this build's (its mapping code, generated protocol and protobuf runtime), so a row written by any other build
/// is read back and mapped as before, and an upgrade can never send a stale encoding.
/// </summary>
public sealed class StreamEventEncoder : IJournalEventEncoder
{
    /// <summary>This build's format: the module version ids of the assemblies whose code decides the bytes.</summary>
    public static readonly long CurrentFormat = FormatOf(typeof(EventMapping), typeof(Proto.Event), typeof(IMessage));

    /// <summary>The encoder (it has no state).</summary>
    public static readonly StreamEventEncoder Instance = new();

    public long Format => CurrentFormat;

    public byte[]? Encode(JournalEvent stored) => EventMapping.ToProto(stored with { Cursor = 0 }).ToByteArray();

    /// <summary>
    /// The serialized <c>StreamEventsResponse { Event = … }</c> of the event at <paramref name="cursor"/> stored as
    /// <paramref name="stored"/>: the response field's tag and length, the cursor field, then the stored bytes.
    /// </summary>
    public byte[] Frame(long cursor, ReadOnlySpan<byte> stored)
    {
        var eventSize = 1 + CodedOutputStream.ComputeInt64Size(cursor) + stored.Length;
        var frame = new byte[1 + CodedOutputStream.ComputeLengthSize(eventSize) + eventSize];
        var output = new CodedOutputStream(frame);
        output.WriteTag(Proto.StreamEventsResponse.EventFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteLength(eventSize);
        output.WriteTag(Proto.Event.CursorFieldNumber, WireFormat.WireType.Varint);
        output.WriteInt64(cursor);
        output.Flush();
        stored.CopyTo(frame.AsSpan(frame.Length - stored.Length));
        return frame;
    }

    /// <summary>
    /// The response whose serialization is <paramref name="frame"/> (a <see cref="Frame"/>): on the wire the same bytes
    /// as <c>new StreamEventsResponse { Event = EventMapping.ToProto(e) }</c>, built without parsing the event. The
    /// bytes travel as the response's unknown fields (written verbatim); the response must not be modified.
    /// </summary>
    public static Proto.StreamEventsResponse Response(byte[] frame)
    {
        var input = new CodedInputStream(frame);
        input.ReadTag();
        var response = new Proto.StreamEventsResponse();
        UnknownFields(response) = UnknownFieldSet.MergeFieldFrom(null, input);
        return response;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_unknownFields")]
    private static extern ref UnknownFieldSet? UnknownFields(Proto.StreamEventsResponse response);

    private static long FormatOf(params Type[] types)
    {
        // Stable across processes of one build (HashCode is seeded per process).
        var ids = types.SelectMany(t => t.Assembly.ManifestModule.ModuleVersionId.ToByteArray()).ToArray();
        return BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(ids));
    }
}
