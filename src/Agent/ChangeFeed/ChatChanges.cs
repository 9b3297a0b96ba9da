using LineAgent.ChatDbReader.Records;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>New chats (by chat ROWID watermark) and chats marked read (by last_read_message_timestamp high-water).</summary>
internal static class ChatChanges
{
    private const int ChatBatch = 500;

    public static void Collect(FeedPass pass, ChatDatabase db, DateTimeOffset now)
    {
        var newChats = db.ChatsAfter(pass.Position.ChatWatermark, ChatBatch);
        foreach (var (rowId, guid) in newChats)
        {
            var chat = db.GetChat(guid) ?? new ChatRecord(rowId, guid, false, null, null, null, null, null, []);
            pass.Events.Add(EventMapper.ChatCreated(chat, now));
            pass.Position = pass.Position with { ChatWatermark = rowId };
        }
        if (newChats.Count == ChatBatch)
            pass.MoreWork = true;

        var highWater = pass.Position.ChatReadHighWater;
        foreach (var (guid, lastRead) in db.ChatsReadAfter(highWater))
        {
            pass.Events.Add(EventMapper.ChatRead(guid, db.GetChat(guid), lastRead));
            highWater = Math.Max(highWater, lastRead);
        }
        pass.Position = pass.Position with { ChatReadHighWater = highWater };
    }
}
