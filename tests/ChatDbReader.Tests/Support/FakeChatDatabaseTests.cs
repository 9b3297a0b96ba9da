using LineAgent.FakeChatDb;
using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader.Tests.Support;

/// <summary>The fake chat.db itself: Apple's DDL, indexes, triggers, WAL, and writers that other processes can use.</summary>
public sealed class FakeChatDatabaseTests
{
    [SharedFact(SharedMaterial.Reference)]
    public void Create_Sequoia_StoresTheExactDdlOfTheRealDump()
    {
        using var db = new TempChatDb(SchemaVariant.Sequoia);
        var dump = File.ReadAllLines(Path.Combine(SharedMaterial.Require(SharedMaterial.Reference), "chatdb-schema", "sequoia-dump-2025-11.sql"))
            .Where(l => l.StartsWith("CREATE TABLE", StringComparison.Ordinal))
            .Select(l => l.TrimEnd(';'))
            .ToList();

        var stored = Query(db.Path, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");

        Assert.Equal(dump.Order(), stored.Order());
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void Create_EveryVariant_WalModeAppleIndexesAndTriggers(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);

        Assert.Equal("wal", Query(db.Path, "PRAGMA journal_mode").Single());
        var indexes = Query(db.Path, "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
        Assert.Contains("message_idx_date", indexes);
        Assert.Contains("chat_message_join_idx_message_id_only", indexes);
        Assert.True(indexes.Count >= 27);
        var triggers = Query(db.Path, "SELECT name FROM sqlite_master WHERE type = 'trigger'");
        Assert.Contains("after_delete_on_message_plugin", triggers);
        Assert.Equal(17, triggers.Count);
    }

    [Fact]
    public void Create_MigratedSr_HasSrColumnsInADifferentOrder()
    {
        using var migrated = new TempChatDb(SchemaVariant.MigratedSr);
        using var sonoma = new TempChatDb(SchemaVariant.Sonoma);
        var m = Query(migrated.Path, "SELECT name FROM pragma_table_info('message')");
        var s = Query(sonoma.Path, "SELECT name FROM pragma_table_info('message')");

        Assert.Contains("sr_ck_record_id", m);
        Assert.Contains("associated_message_emoji", m);
        Assert.True(m.IndexOf("sr_ck_record_id") < m.IndexOf("text"));
        Assert.True(m.IndexOf("text") > m.IndexOf("attributedBody"));
        Assert.NotEqual(s.IndexOf("date"), m.IndexOf("date"));
    }

    [Fact]
    public void Writers_TriggersFireAndDeleteWorksThanksToStubFunctions()
    {
        using var db = new TempChatDb(SchemaVariant.Sonoma);
        var chat = db.Writer.CreateGroupChat(["+14155550101"]);
        var target = db.Writer.ReceiveText(chat, "+14155550101", "hi");
        db.Writer.InsertTapback(chat, target, TapbackKind.Love);
        var (withFile, _) = db.Writer.SendAttachment(chat, new NewAttachment());

        Assert.Equal(chat.ChatIdentifier, db.Writer.Scalar("SELECT cache_roomnames FROM message WHERE ROWID = $id", ("$id", target.RowId)));
        Assert.Equal(1L, db.Writer.Scalar("SELECT cache_has_attachments FROM message WHERE ROWID = $id", ("$id", withFile.RowId)));

        db.Writer.DeleteMessage(target);
        db.Writer.Execute("DELETE FROM attachment");

        Assert.Equal(2L, db.Writer.Scalar("SELECT COUNT(*) FROM message"));
        Assert.Equal(0L, db.Writer.Scalar("SELECT COUNT(*) FROM attachment"));
        Assert.Equal(target.Guid, db.Writer.Scalar("SELECT guid FROM deleted_messages ORDER BY ROWID LIMIT 1"));
    }

    [Fact]
    public void Open_ExistingDatabaseFromAnotherWriter_DetectsVariantAndAppends()
    {
        using var db = new TempChatDb(SchemaVariant.Tahoe);
        var chat = db.Writer.EnsureDirectChat("+14155550101");
        db.Writer.ReceiveText(chat, "+14155550101", "one");

        using (var second = FakeChatDatabase.Open(db.Path))
        {
            Assert.Equal(SchemaVariant.Tahoe, second.Variant);
            Assert.Equal(chat.Guid, second.EnsureDirectChat("+14155550101").Guid);
            second.ReceiveText(chat, "+14155550101", "two");
        }

        using var reader = db.OpenReader();
        Assert.Equal(["one", "two"], reader.ReadMessagesAfter(0, 10).Select(m => m.Text));
    }

    private static List<string> Query(string path, string sql)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }
}
