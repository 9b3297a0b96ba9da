using LineAgent.Agent.ChangeFeed;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.ChangeFeed;

public sealed class ChatDbProbeTests
{
    /// <summary>chat.db can hold a million rows: every message query must be an index search, never a table scan.</summary>
    [Theory]
    [InlineData(SchemaVariant.Ventura)]
    [InlineData(SchemaVariant.Sequoia)]
    [InlineData(SchemaVariant.Tahoe)]
    [InlineData(SchemaVariant.MigratedSr)]
    public void MessageQueries_UseIndexes_NoTableScan(SchemaVariant variant)
    {
        using var f = new FeedFixture(variant);
        using var probe = new ChatDbProbe(f.ChatDbPath, TimeSpan.FromSeconds(1));

        var plans = probe.MessageQueryPlans();

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
        using var f = new FeedFixture();
        var chat = f.ChatDb.EnsureDirectChat("+15550001");
        var m = f.ChatDb.SendText(chat, "hi");
        using var probe = new ChatDbProbe(f.ChatDbPath, TimeSpan.FromSeconds(1));
        var before = Assert.Single(probe.Fingerprints(0, long.MaxValue, 10));

        f.ChatDb.Execute("UPDATE message SET cache_roomnames = 'x' WHERE ROWID = $id", ("$id", m.RowId)); // not a tracked column
        Assert.Equal(before, Assert.Single(probe.Fingerprints(0, long.MaxValue, 10)));

        f.ChatDb.MarkDelivered(m);
        Assert.NotEqual(before.Value, Assert.Single(probe.Fingerprints(0, long.MaxValue, 10)).Value);
    }
}
