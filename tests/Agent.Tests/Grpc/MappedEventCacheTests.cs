using LineAgent.Agent.Grpc;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Grpc.Mapping;
using Google.Protobuf;
using LineAgent.Agent.Journal;

namespace LineAgent.Agent.Tests.Grpc;

public sealed class MappedEventCacheTests
{
    private static readonly GrpcOptions Options = new();

    private static JournalEvent Stored(long cursor, NewJournalEvent e) =>
        new(cursor, e.Id, e.Type, e.OccurredAt, e.ChatGuid, e.MessageGuid, e.DataJson);

    [Fact]
    public void SameEvent_MappedOnce_AndEqualToTheMapping()
    {
        var cache = new MappedEventCache(Microsoft.Extensions.Options.Options.Create(Options));
        var e = Stored(7, JournalEvents.Received(7));

        var first = cache.Get(e);
        var second = cache.Get(e with { });

        Assert.Same(first, second);
        Assert.Equal(EventMapping.ToProto(e, Options.MaxSendMessageBytes), first);
        Assert.Equal("hello 7", first.Message.Text);
    }

    [Fact]
    public void AnotherEventInTheSameSlot_IsMappedItself_NeverAnsweredFromTheSlot()
    {
        var cache = new MappedEventCache(Microsoft.Extensions.Options.Options.Create(Options));
        var a = Stored(5, JournalEvents.Received(5));
        var b = Stored(5 + MappedEventCache.Slots, JournalEvents.Received(6));
        var sameCursorOtherId = Stored(5, JournalEvents.Received(8));

        Assert.Equal("hello 5", cache.Get(a).Message.Text);
        Assert.Equal("hello 6", cache.Get(b).Message.Text);
        Assert.Equal(b.Cursor, cache.Get(b).Cursor);
        Assert.Equal("hello 8", cache.Get(sameCursorOtherId).Message.Text);
        Assert.Equal("hello 5", cache.Get(a).Message.Text);
    }

    [Fact]
    public void LargeEvent_IsNotKept()
    {
        var cache = new MappedEventCache(Microsoft.Extensions.Options.Options.Create(Options));
        var big = JournalEvents.Received(9);
        var e = Stored(9, big with { DataJson = big.DataJson.Replace("hello 9", new string('x', MappedEventCache.MaxCachedChars)) });

        var first = cache.Get(e);

        Assert.NotSame(first, cache.Get(e));
        Assert.Equal(new string('x', MappedEventCache.MaxCachedChars), first.Message.Text);
    }

    private static byte[] Encoded(JournalEvent e) => StreamEventEncoder.Instance.Frame(e.Cursor, StreamEventEncoder.Instance.Encode(e with { Cursor = 0 }));

    [Fact]
    public void StoredEncoding_BuiltOnce_AndTheSameBytesAsTheMapping()
    {
        var cache = new MappedEventCache(Microsoft.Extensions.Options.Options.Create(Options));
        var e = Stored(7, JournalEvents.Received(7));

        var first = cache.Response(new EncodedJournalEvent(7, Encoded(e), null));
        var second = cache.Response(new EncodedJournalEvent(7, Encoded(e), null));

        Assert.Same(first, second);
        Assert.Equal(new Protocol.V1.StreamEventsResponse { Event = EventMapping.ToProto(e, Options.MaxSendMessageBytes) }.ToByteArray(), first.ToByteArray());
    }

    [Fact]
    public void StoredEncoding_OtherBytesOrCursorInTheSameSlot_IsBuiltItself_NeverAnsweredFromTheSlot()
    {
        var cache = new MappedEventCache(Microsoft.Extensions.Options.Options.Create(Options));
        var a = Stored(5, JournalEvents.Received(5));
        var sameCursorOtherEvent = Stored(5, JournalEvents.Received(8));
        var sameSlot = Stored(5 + MappedEventCache.Slots, JournalEvents.Received(5));

        Assert.Equal("hello 5", Parse(cache.Response(new EncodedJournalEvent(5, Encoded(a), null))).Message.Text);
        Assert.Equal("hello 8", Parse(cache.Response(new EncodedJournalEvent(5, Encoded(sameCursorOtherEvent), null))).Message.Text);
        Assert.Equal(sameSlot.Cursor, Parse(cache.Response(new EncodedJournalEvent(sameSlot.Cursor, Encoded(sameSlot), null))).Cursor);
        Assert.Equal(5, Parse(cache.Response(new EncodedJournalEvent(5, Encoded(a), null))).Cursor);
    }

    [Fact]
    public void StoredEncoding_Large_IsNotKept_AndADecodedEventIsMapped()
    {
        var cache = new MappedEventCache(Microsoft.Extensions.Options.Options.Create(Options));
        var big = JournalEvents.Received(9);
        var e = Stored(9, big with { DataJson = big.DataJson.Replace("hello 9", new string('x', MappedEventCache.MaxCachedBytes)) });
        var encoded = new EncodedJournalEvent(9, Encoded(e), null);

        Assert.NotSame(cache.Response(encoded), cache.Response(encoded));
        Assert.Equal(EventMapping.ToProto(e, Options.MaxSendMessageBytes), cache.Response(new EncodedJournalEvent(9, null, e)).Event);
    }

    private static Protocol.V1.Event Parse(Protocol.V1.StreamEventsResponse response) =>
        Protocol.V1.StreamEventsResponse.Parser.ParseFrom(response.ToByteArray()).Event;
}
