using LineAgent.ChatDbReader.Records;
using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader.Tests;

/// <summary>Databases that lack most optional columns (old or unusual schemas) still read, by name, with defaults.</summary>
public sealed class ChatDbCapabilitiesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "lineagent-caps-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        foreach (var f in new[] { _path, _path + "-wal", _path + "-shm" }) File.Delete(f);
    }

    [Fact]
    public void Open_MinimalOldSchemaWithReorderedColumns_ReadsWithNullsForMissingColumns()
    {
        using (var c = new SqliteConnection($"Data Source={_path};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, service TEXT NOT NULL);
                CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, chat_identifier TEXT);
                CREATE TABLE message (date INTEGER, is_from_me INTEGER DEFAULT 0, text TEXT, handle_id INTEGER DEFAULT 0, ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, service TEXT);
                CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER, PRIMARY KEY (chat_id, message_id));
                INSERT INTO handle (id, service) VALUES ('+14155550101', 'iMessage');
                INSERT INTO chat (guid, style, chat_identifier) VALUES ('iMessage;-;+14155550101', 45, '+14155550101');
                INSERT INTO message (date, is_from_me, text, handle_id, guid, service) VALUES (400000000, 0, 'seconds-era row', 1, 'G1', 'iMessage');
                INSERT INTO chat_message_join VALUES (1, 1);
                """;
            cmd.ExecuteNonQuery();
        }

        using var db = ChatDb.Open(_path);
        var m = Assert.Single(db.ReadMessagesAfter(0, 10));

        Assert.False(db.Capabilities.HasEdits);
        Assert.False(db.Capabilities.HasEmojiTapbacks);
        Assert.Equal("seconds-era row", m.Text);
        Assert.Equal("+14155550101", m.Sender);
        Assert.Equal(new DateTimeOffset(2013, 9, 4, 15, 6, 40, TimeSpan.Zero), m.Date);   // pre-10.13 rows count seconds
        Assert.Equal(MessageKind.Message, m.Kind);
        Assert.Equal(["iMessage;-;+14155550101"], m.ChatGuids);
        Assert.Empty(m.Attachments);
        Assert.False(m.IsEdited);
        Assert.Null(m.ThreadOriginatorGuid);
        Assert.Equal([], db.GetChat("iMessage;-;+14155550101")!.Participants);
    }
}
