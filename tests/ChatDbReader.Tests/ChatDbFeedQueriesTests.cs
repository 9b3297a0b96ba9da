using LineAgent.ChatDbReader.Tests.Support;
using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests;

/// <summary>The change-detection queries (fingerprints, anchors, attachment by GUID).</summary>
public sealed class ChatDbFeedQueriesTests
{
    /// <summary>chat.db can hold a million rows: every message query must be an index search, never a table scan.</summary>
    [Theory]
    [InlineData(SchemaVariant.Ventura)]
    [InlineData(SchemaVariant.Sequoia)]
    [InlineData(SchemaVariant.Tahoe)]
    [InlineData(SchemaVariant.MigratedSr)]
    public void MessageQueries_UseIndexes_NoTableScan(SchemaVariant variant)
    {
        using var f = new TempChatDb(variant);
        using var db = f.OpenReader();

        var plans = db.MessageQueryPlans();

        Assert.NotEmpty(plans);
        Assert.All(plans, plan =>
        {
            Assert.DoesNotContain("SCAN m ", plan.Value + " ");
            Assert.DoesNotContain("SCAN message", plan.Value);
            Assert.Matches("SEARCH|USING INDEX|USING INTEGER PRIMARY KEY|SEARCH m", plan.Value);
        });
    }

    [Fact]
    public void Fingerprint_ChangesWhenAMutableColumnChanges_AndOnlyThen()
    {
        using var f = new TempChatDb(SchemaVariant.Sequoia);
        var chat = f.Writer.EnsureDirectChat("+15550001");
        var m = f.Writer.SendText(chat, "hi");
        using var db = f.OpenReader();
        var before = Assert.Single(db.Fingerprints(0, long.MaxValue, 10));

        f.Writer.Execute("UPDATE message SET cache_roomnames = 'x' WHERE ROWID = $id", ("$id", m.RowId)); // not a tracked column
        Assert.Equal(before, Assert.Single(db.Fingerprints(0, long.MaxValue, 10)));

        f.Writer.MarkDelivered(m);
        Assert.NotEqual(before.Value, Assert.Single(db.Fingerprints(0, long.MaxValue, 10)).Value);
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void GetAttachment_ByGuid_FindsExactlyThatRow(SchemaVariant variant)
    {
        using var f = new TempChatDb(variant);
        var chat = f.Writer.EnsureDirectChat("+15550001");
        var (_, first) = f.Writer.SendAttachment(chat, new NewAttachment { Filename = "~/Library/Messages/Attachments/a/one.jpg", TransferName = "one.jpg" });
        var (_, second) = f.Writer.SendAttachment(chat, new NewAttachment { Filename = "/abs/two.png", TransferName = "two.png", Guid = "at_0_ABCDEF" });
        using var db = f.OpenReader();

        var a = db.GetAttachment(second.Guid);

        Assert.NotNull(a);
        Assert.Equal(second.Guid, a.Guid);
        Assert.Equal("/abs/two.png", a.Path);
        Assert.Equal("two.png", a.TransferName);
        Assert.EndsWith("Library/Messages/Attachments/a/one.jpg", db.GetAttachment(first.Guid)!.Path);
        Assert.Null(db.GetAttachment("at_0_abcdef"));   // GUIDs are opaque: compared exactly
        Assert.Null(db.GetAttachment("no-such-guid"));
    }
}
