using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;
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

    /// <summary>
    /// Fingerprints are journaled and compared after a restart, possibly by a newer agent: their text is pinned here,
    /// every storage class included, so a change of how they are read cannot report every watched row as changed.
    /// </summary>
    [Fact]
    public void Fingerprint_Text_IsPinned_ForEveryStorageClass()
    {
        using var f = new TempChatDb(SchemaVariant.Sequoia);
        var chat = f.Writer.EnsureDirectChat("+15550001");
        var m = f.Writer.SendText(chat, "hi");
        var (withFile, attachment) = f.Writer.SendAttachment(chat, new NewAttachment { Filename = "/abs/two.png", TransferName = "two.png" });
        f.Writer.Execute("""
            UPDATE message SET is_sent = 1, error = X'0102', is_delivered = 'yes', date_delivered = 1.5, is_read = NULL,
                date_read = 0, date_edited = -7, date_retracted = 0, is_empty = 0, part_count = 2, message_summary_info = X'000000'
            WHERE ROWID = $id
            """, ("$id", m.RowId));
        f.Writer.Execute("UPDATE attachment SET transfer_state = 5 WHERE guid = $g", ("$g", attachment.Guid));
        var attachmentRowId = (long)f.Writer.Scalar("SELECT ROWID FROM attachment WHERE guid = $g", ("$g", attachment.Guid))!;
        using var db = f.OpenReader();

        var fingerprints = db.Fingerprints(0, long.MaxValue, 10);

        Assert.Equal(2, fingerprints.Count);
        Assert.Equal(new RowFingerprint(m.RowId, m.Guid, "1|System.Byte[]|yes|1.5||0|-7|0|0|2|3|"), fingerprints[0]);
        Assert.Equal(withFile.Guid, fingerprints[1].Guid);
        Assert.EndsWith($"|{attachmentRowId}:5", fingerprints[1].Value, StringComparison.Ordinal);
    }

    /// <summary>
    /// The feed's queries are prepared once per connection and reused: a reused statement must see every commit made
    /// since its last use (a statement left open would pin its snapshot), also after a failed read.
    /// </summary>
    [Fact]
    public void ReusedStatements_SeeEveryLaterCommit()
    {
        using var f = new TempChatDb(SchemaVariant.Sequoia);
        var chat = f.Writer.EnsureDirectChat("+15550001");
        using var db = f.OpenReader();
        var version = db.DataVersion();
        Assert.Empty(db.Fingerprints(0, long.MaxValue, 10));

        for (var i = 1; i <= 3; i++)
        {
            var m = f.Writer.ReceiveText(chat, "+15550001", "n" + i);

            var next = db.DataVersion();
            Assert.NotEqual(version, next);
            version = next;
            Assert.Equal(m.RowId, db.MaxMessageRowId());
            Assert.Equal(i, db.Fingerprints(0, long.MaxValue, 10).Count);
            Assert.Equal(m.RowId, Assert.Single(db.ReadMessagesInRange(m.RowId, m.RowId)).RowId);
            Assert.Equal(m.RowId, db.RowIdOf(m.Guid));
        }
        Assert.Equal(version, db.DataVersion());       // nothing committed: unchanged
    }

    /// <summary>A cached statement still being stepped is never handed out again: a nested read of the same SQL gets
    /// its own statement, and the cached one comes back (reset, unbound) once disposed.</summary>
    [Fact]
    public void StatementCache_NestedUse_GetsItsOwnStatement()
    {
        using var f = new TempChatDb(SchemaVariant.Sequoia);
        var chat = f.Writer.EnsureDirectChat("+15550001");
        var ids = Enumerable.Range(0, 3).Select(i => f.Writer.ReceiveText(chat, "+15550001", "n" + i).RowId).ToList();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={f.Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        const string sql = "SELECT ROWID FROM message WHERE ROWID > $after ORDER BY ROWID";
        RawStatement first;
        using (var cache = new StatementCache(connection))
        {
            var seen = new List<(long Outer, long Inner)>();
            using (var outer = cache.Get(sql))
            {
                first = outer;
                outer.Bind("$after", 0);
                while (outer.Step())
                {
                    using var inner = cache.Get(sql);
                    Assert.NotSame(outer, inner);
                    inner.Bind("$after", outer.Int64(0) - 1);
                    Assert.True(inner.Step());
                    seen.Add((outer.Int64(0), inner.Int64(0)));
                }
            }
            Assert.Equal(ids, seen.Select(p => p.Outer));
            Assert.All(seen, p => Assert.Equal(p.Outer, p.Inner));

            using var again = cache.Get(sql);
            Assert.Same(first, again);
            Assert.Throws<ArgumentException>(() => again.Bind("$nope", 1));
            Assert.False(again.Step());            // reset and unbound: $after is NULL, so no row compares greater
        }
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
