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
        // Every byte is written below: no need to zero the array first.
        var frame = GC.AllocateUninitializedArray<byte>(1 + CodedOutputStream.ComputeLengthSize(eventSize) + eventSize);
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
    /// as <c>new StreamEventsResponse { Event = EventMapping.ToProto(e) }</c>, built without parsing the event or
    /// copying it. The event's bytes travel as the response's one unknown field, a view of <paramref name="frame"/>
    /// (written verbatim); neither may be modified.
    /// </summary>
    public static Proto.StreamEventsResponse Response(byte[] frame)
    {
        var response = new Proto.StreamEventsResponse();
        UnknownFields(response) = EventField(frame, Proto.StreamEventsResponse.EventFieldNumber);
        return response;
    }

    /// <summary>
    /// The gateway's <c>LineMessage { Event = EventMapping.ToProto(e) }</c> for the event framed as
    /// <paramref name="frame"/>: the same event bytes as the response's, under the message's own field number, not
    /// copied either; neither may be modified.
    /// </summary>
    public static Proto.LineMessage LineMessage(byte[] frame)
    {
        var message = new Proto.LineMessage();
        UnknownFields(message) = EventField(frame, Proto.LineMessage.EventFieldNumber);
        return message;
    }

    /// <summary>One unknown field, number <paramref name="fieldNumber"/>, whose bytes are the event inside
    /// <paramref name="frame"/>.</summary>
    private static UnknownFieldSet EventField(byte[] frame, int fieldNumber)
    {
        var input = new CodedInputStream(frame);
        var tag = input.ReadTag();
        var length = input.ReadLength();
        var start = (int)input.Position;
        if (tag != EventTag || length != frame.Length - start)
            throw new ArgumentException("Not a framed StreamEventsResponse.Event.", nameof(frame));
        var field = NewUnknownField();
        AddLengthDelimited(field, UnsafeByteOperations.UnsafeWrap(frame.AsMemory(start, length)));
        var fields = NewUnknownFieldSet();
        AddOrReplaceField(fields, fieldNumber, field);
        return fields;
    }

    private static readonly uint EventTag = WireFormat.MakeTag(Proto.StreamEventsResponse.EventFieldNumber, WireFormat.WireType.LengthDelimited);

    // Google.Protobuf has no public way to add an unknown field without copying its bytes (parsing one copies them:
    // building a response took 2.1 µs per event with the copy, 1.1 µs without, of the agent's 5–7 µs per event).
    // These reach its internal builders; EncodedEventTests compare the bytes sent with the mapped event's for every
    // event type, so a protobuf release that changes them fails there, never on a line host.
    private const string UnknownFieldType = "Google.Protobuf.UnknownField, Google.Protobuf";

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_unknownFields")]
    private static extern ref UnknownFieldSet? UnknownFields(Proto.StreamEventsResponse response);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_unknownFields")]
    private static extern ref UnknownFieldSet? UnknownFields(Proto.LineMessage message);

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern UnknownFieldSet NewUnknownFieldSet();

    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    [return: UnsafeAccessorType(UnknownFieldType)]
    private static extern object NewUnknownField();

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "AddLengthDelimited")]
    [return: UnsafeAccessorType(UnknownFieldType)]
    private static extern object AddLengthDelimited([UnsafeAccessorType(UnknownFieldType)] object field, ByteString value);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "AddOrReplaceField")]
    private static extern UnknownFieldSet AddOrReplaceField(UnknownFieldSet fields, int number, [UnsafeAccessorType(UnknownFieldType)] object field);

    private static long FormatOf(params Type[] types)
    {
        // Stable across processes of one build (HashCode is seeded per process).
        var ids = types.SelectMany(t => t.Assembly.ManifestModule.ModuleVersionId.ToByteArray()).ToArray();
        return BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(ids));
    }
}
