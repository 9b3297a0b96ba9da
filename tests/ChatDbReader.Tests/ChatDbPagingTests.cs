using LineAgent.ChatDbReader.Tests.Support;
using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests;

/// <summary>Cursor, range and chat-history reads across batch boundaries (batch size 3 to force several batches).</summary>
public sealed class ChatDbPagingTests
{
    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadMessagesAfter_AcrossBatchesAndGaps_ReturnsEveryRowOnceInOrder(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var a = db.Writer.EnsureDirectChat("+14155550101");
        var b = db.Writer.CreateGroupChat(["+14155550101", "x@example.com"]);
        var written = new List<FakeMessage>();
        for (var i = 0; i < 20; i++)
        {
            var m = db.Writer.ReceiveText(i % 2 == 0 ? a : b, "+14155550101", $"m{i}", bodyOnly: i % 3 == 0);
            if (i % 4 == 0) db.Writer.InsertAttachment(m, new NewAttachment { TransferName = $"f{i}.jpeg" });
            written.Add(m);
        }
        db.Writer.DeleteMessage(written[5]);                 // ROWIDs get a gap
        db.Writer.DeleteMessage(written[6]);

        using var reader = db.OpenReader(new ChatDbOptions { BatchSize = 3 });
        var all = reader.ReadMessagesAfter(0, 1000).ToList();
        var expected = written.Where((_, i) => i is not (5 or 6)).ToList();
        Assert.Equal(expected.Select(m => m.RowId), all.Select(m => m.RowId));
        Assert.All(all, m => Assert.Equal(m.RowId % 2 == 1 ? a.Guid : b.Guid, Assert.Single(m.ChatGuids)));
        Assert.Equal(expected.Select(m => $"m{written.IndexOf(m)}"), all.Select(m => m.Text));
        Assert.Equal(5, all.Count(m => m.Attachments.Count == 1));

        Assert.Equal(expected.Skip(4).Take(7).Select(m => m.RowId), reader.ReadMessagesAfter(expected[3].RowId, 7).Select(m => m.RowId));
        Assert.Equal(expected.Skip(2).Take(10).Select(m => m.RowId),
            reader.ReadMessagesInRange(expected[2].RowId, expected[11].RowId).Select(m => m.RowId));
        Assert.Equal(written[^1].RowId, reader.MaxMessageRowId());
        Assert.Empty(reader.ReadMessagesAfter(written[^1].RowId, 10));
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void ReadChatMessages_PagesBackwardAndForward(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var a = db.Writer.EnsureDirectChat("+14155550101");
        var other = db.Writer.EnsureDirectChat("+14155550199");
        var mine = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            mine.Add(db.Writer.ReceiveText(a, "+14155550101", $"a{i}").RowId);
            db.Writer.ReceiveText(other, "+14155550199", $"o{i}");
        }

        using var reader = db.OpenReader(new ChatDbOptions { BatchSize = 4 });

        Assert.Equal(mine.Skip(7), reader.ReadChatMessages(a.Guid, null, null, 5).Select(m => m.RowId));
        Assert.Equal(mine.Skip(2).Take(5), reader.ReadChatMessages(a.Guid, mine[7], null, 5).Select(m => m.RowId));
        Assert.Equal(mine.Skip(4).Take(3), reader.ReadChatMessages(a.Guid, null, mine[3], 3).Select(m => m.RowId));
        Assert.Equal(mine.Skip(4).Take(2), reader.ReadChatMessages(a.Guid, mine[6], mine[3], 10).Select(m => m.RowId));
        Assert.All(reader.ReadChatMessages(a.Guid, null, null, 100), m => Assert.Equal([a.Guid], m.ChatGuids));
        Assert.Empty(reader.ReadChatMessages("iMessage;-;nobody", null, null, 10));
    }

    [Theory]
    [MemberData(nameof(Variants.All), MemberType = typeof(Variants))]
    public void EveryReadPath_GivesEachRowExactlyItsOwnChats_AcrossBatchesAndLeftoverJoinRows(SchemaVariant variant)
    {
        using var db = new TempChatDb(variant);
        var a = db.Writer.EnsureDirectChat("+14155550101");
        var b = db.Writer.CreateGroupChat(["+14155550101", "x@example.com"]);
        var c = db.Writer.CreateGroupChat(["+14155550101", "y@example.com"]);
        var chats = new[] { a, b, c };
        var written = new List<FakeMessage>();
        for (var i = 0; i < 17; i++)
        {
            // 0, 1, 2 or 3 chats per row, in changing combinations.
            var mine = chats.Skip(i % 3).Concat(chats.Take(i % 3)).Take(i % 4).ToList();
            written.Add(db.Writer.InsertMessage(new NewMessage { Text = $"m{i}", Chats = mine, Handle = "+14155550101" }));
        }
        // Rows deleted with their join rows left behind (chat.db's cascade would remove them; a reader must not
        // rely on it): between rows of one batch, at a batch's edge, and after the last row.
        db.Writer.Execute("PRAGMA foreign_keys = OFF");
        foreach (var gone in new[] { written[4], written[9], written[16] })
            db.Writer.Execute("DELETE FROM message WHERE ROWID = $r", ("$r", gone.RowId));
        db.Writer.Execute("INSERT INTO chat_message_join (chat_id, message_id) VALUES ($c, $m)", ("$c", b.RowId), ("$m", written[^1].RowId + 3));

        // The oracle: each message's chats straight from the join table.
        var expected = new Dictionary<long, List<string>>();
        using (var sql = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Mode=ReadOnly;Pooling=false"))
        {
            sql.Open();
            using var cmd = sql.CreateCommand();
            cmd.CommandText = "SELECT m.ROWID, c.guid FROM message m LEFT JOIN chat_message_join j ON j.message_id = m.ROWID " +
                "LEFT JOIN chat c ON c.ROWID = j.chat_id ORDER BY m.ROWID, j.chat_id";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                if (!expected.TryGetValue(r.GetInt64(0), out var list)) expected[r.GetInt64(0)] = list = [];
                if (!r.IsDBNull(1)) list.Add(r.GetString(1));
            }
        }
        Assert.Equal(14, expected.Count);
        Assert.Contains(expected.Values, list => list.Count == 0);
        Assert.Contains(expected.Values, list => list.Count == 3);

        using var reader = db.OpenReader(new ChatDbOptions { BatchSize = 3 });
        void Check(IEnumerable<LineAgent.ChatDbReader.Records.MessageRecord> records, int count)
        {
            var list = records.ToList();
            Assert.Equal(count, list.Count);
            Assert.All(list, m => Assert.Equal(expected[m.RowId], m.ChatGuids));
        }
        Check(reader.ReadMessagesAfter(0, 1000), 14);
        Check(reader.ReadMessagesInRange(0, long.MaxValue), 14);
        foreach (var chat in chats)
            Check(reader.ReadChatMessages(chat.Guid, null, null, 100), expected.Count(e => e.Value.Contains(chat.Guid)));
        var viewed = 0;
        foreach (var batch in reader.ReadMessageRowsAfter(0, 1000))
        {
            using (batch)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var row = batch.Row(i);
                    var guids = new List<string>();
                    foreach (var guid in row.ChatGuids)
                        guids.Add(guid.ToString()!);
                    Assert.Equal(expected[row.RowId], guids);
                    viewed++;
                }
            }
        }
        Assert.Equal(14, viewed);
    }
    [Fact]
    public void RowsReadInPlace_AfterTheirBatchIsDisposed_ThrowInsteadOfShowingAnotherBatchsRows()
    {
        using var db = new TempChatDb(SchemaVariant.Tahoe);
        var chat = db.Writer.EnsureDirectChat("+14155550101");
        for (var i = 0; i < 6; i++)
            db.Writer.InsertMessage(new NewMessage { Text = $"m{i}", Chats = [chat], Handle = "+14155550101" });
        using var reader = db.OpenReader(new ChatDbOptions { BatchSize = 3 });

        using var batches = reader.ReadMessageRowsAfter(0, 100).GetEnumerator();
        Assert.True(batches.MoveNext());
        var first = batches.Current;
        var stale = first.Row(0);
        Assert.Equal("m0", stale.Text.ToString());
        first.Dispose();
        // The next batch may reuse the pooled arrays the first one held: the old view must not read them.
        Assert.True(batches.MoveNext());
        using var second = batches.Current;
        Assert.Equal("m3", second.Row(0).Text.ToString());
        Assert.Throws<IndexOutOfRangeException>(() => stale.Text.ToString());
        Assert.Throws<IndexOutOfRangeException>(() => stale.RowId);
        Assert.Throws<ObjectDisposedException>(() => first.Row(0));
    }
}
