using System.Text.Json;
using LineAgent.Agent.Events;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Tests.Events;

public sealed class MessageDataJsonTests
{
    [Fact]
    public void ToJson_MinimalRecord_WritesEveryKeyInOrderWithNulls()
    {
        var json = ToJson(new MessageRecord { RowId = 7, Guid = "G" });

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(EventJson.MessageKeys, doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("date").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("reaction").ValueKind);
        Assert.Equal(0, doc.RootElement.GetProperty("chat_guids").GetArrayLength());
        Assert.Equal("message", doc.RootElement.GetProperty("kind").GetString());
        Assert.DoesNotContain('\n', json);
    }

    [Theory]
    [InlineData(0L, "2025-03-14T09:26:53.000Z")]
    [InlineData(5_890_000L, "2025-03-14T09:26:53.589Z")]
    [InlineData(5_891_234L, "2025-03-14T09:26:53.5891234Z")]
    public void FormatDate_UtcWithAtLeastMilliseconds(long ticks, string expected)
    {
        var local = new DateTimeOffset(2025, 3, 14, 10, 26, 53, TimeSpan.FromHours(1)).AddTicks(ticks);
        Assert.Equal(expected, EventDateConverter.Format(local));
        Assert.Equal(expected, JsonDocument.Parse(ToJson(new MessageRecord { RowId = 1, Guid = "g", Date = local }))
            .RootElement.GetProperty("date").GetString());
    }

    [Fact]
    public void ToJson_ReactionGroupEventAndAttachment_NestedShapes()
    {
        var record = new MessageRecord
        {
            RowId = 1, Guid = "g", Kind = MessageKind.Reaction,
            Reaction = new Reaction(ReactionType.Emoji, "\U0001F525", true, "T", 2),
            GroupEvent = new GroupEvent(GroupEventType.ParticipantRemoved, "+1555", null),
            Attachments = [new AttachmentRecord(3, "at_0_X", "a.jpeg", "image/jpeg", "public.jpeg", 10, "/p/a.jpeg", 5, false, false)],
        };

        var root = JsonDocument.Parse(ToJson(record)).RootElement;

        var reaction = root.GetProperty("reaction");
        Assert.Equal(["type", "emoji", "removed", "target_guid", "target_part"], reaction.EnumerateObject().Select(p => p.Name));
        Assert.Equal("emoji", reaction.GetProperty("type").GetString());
        Assert.Equal("\U0001F525", reaction.GetProperty("emoji").GetString());
        Assert.True(reaction.GetProperty("removed").GetBoolean());
        Assert.Equal(2, reaction.GetProperty("target_part").GetInt32());
        var groupEvent = root.GetProperty("group_event");
        Assert.Equal(["type", "handle", "title"], groupEvent.EnumerateObject().Select(p => p.Name));
        Assert.Equal("participant_removed", groupEvent.GetProperty("type").GetString());
        var attachment = root.GetProperty("attachments")[0];
        Assert.Equal(["guid", "transfer_name", "mime_type", "uti", "total_bytes", "path"], attachment.EnumerateObject().Select(p => p.Name));
        Assert.Equal("reaction", root.GetProperty("kind").GetString());
    }

    [Fact]
    public void TypeNames_CoverEveryEnumValue()
    {
        Assert.Equal(["love", "like", "dislike", "laugh", "emphasize", "question", "emoji", "sticker"],
            Enum.GetValues<ReactionType>().Select(WireNames.Of));
        Assert.Equal(["participant_added", "participant_removed", "participant_left", "renamed", "photo_changed", "photo_removed"],
            Enum.GetValues<GroupEventType>().Select(WireNames.Of));
        Assert.Equal(["message", "reaction", "group_event", "other"], Enum.GetValues<MessageKind>().Select(WireNames.Of));
    }

    [Fact]
    public void ReadMessage_RoundTripsTheWrittenShape_AndMalformedPayloadsReadAsNone()
    {
        var record = new MessageRecord
        {
            RowId = 9, Guid = "g", ChatGuids = ["c"], Text = "t \u00E9", Date = new DateTimeOffset(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero),
            Kind = MessageKind.Reaction, Reaction = new Reaction(ReactionType.Love, null, false, "T", null),
        };
        var data = MessageData.From(record);

        var read = EventJson.ReadMessage(EventJson.ToJson(new MessagePayload(data, [])));

        Assert.NotNull(read);
        Assert.Equal(EventJson.ToJson(data), EventJson.ToJson(read));
        Assert.Null(EventJson.ReadMessage("{}"));
        Assert.Null(EventJson.ReadMessage("{\"message\":null}"));
        Assert.Null(EventJson.ReadMessage("not json"));
        Assert.Null(EventJson.ReadMessage("{\"message\":{\"rowid\":\"x\"}}"));
        Assert.Null(EventJson.ReadMessage("[1]"));
    }

    private static string ToJson(MessageRecord record) => EventJson.ToJson(MessageData.From(record));
}
