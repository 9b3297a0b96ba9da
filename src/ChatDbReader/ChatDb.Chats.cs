using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;
using LineAgent.ChatDbReader.Time;
using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader;

public sealed partial class ChatDb
{
    /// <summary>Chats with ROWID &gt; <paramref name="afterRowId"/>, ascending, at most <paramref name="limit"/> (default 1000), with participants.</summary>
    public IReadOnlyList<ChatRecord> ListChats(long afterRowId = 0, int limit = 1000) => Guard(() =>
    {
        using var command = Command(_chatQuery.After);
        command.Parameters.AddWithValue("$after", afterRowId);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadChats(command);
    });

    /// <summary>The chat with this guid (compared exactly: GUIDs are opaque), or null.</summary>
    public ChatRecord? GetChat(string guid) => Guard(() =>
    {
        using var command = Command(_chatQuery.ByGuid);
        command.Parameters.AddWithValue("$guid", guid);
        return ReadChats(command).FirstOrDefault();
    });

    /// <summary>The handle with this ROWID, or null.</summary>
    public HandleRecord? GetHandle(long rowId) => Guard(() =>
    {
        using var command = Command(
            "SELECT h.ROWID, " + ColumnList.Build(Capabilities, TableNames.Handle, "h", ["id", "service", "country", "uncanonicalized_id", "person_centric_id"]) +
            " FROM handle h WHERE h.ROWID = $id");
        command.Parameters.AddWithValue("$id", rowId);
        using var r = command.ExecuteReader();
        return r.Read()
            ? new HandleRecord(r.Int(0), r.Text(1) ?? "", r.Text(2) ?? "", r.Text(3), r.Text(4), r.Text(5))
            : null;
    });

    private List<ChatRecord> ReadChats(SqliteCommand command)
    {
        var rows = new List<ChatRecord>();
        using (var r = command.ExecuteReader())
        {
            while (r.Read())
            {
                var displayName = r.Text(ChatQuery.DisplayName);
                rows.Add(new ChatRecord(
                    r.Int(ChatQuery.RowId), r.Text(ChatQuery.Guid) ?? "",
                    IsGroup: r.Int(ChatQuery.Style) == 43,           // 43 '+' group, 45 '-' 1:1 (photon imessage-kit)
                    r.Text(ChatQuery.ChatIdentifier), r.Text(ChatQuery.ServiceName),
                    string.IsNullOrEmpty(displayName) ? null : displayName, r.Text(ChatQuery.GroupId),
                    AppleTime.ToDateTimeOffset(r.NullableInt(ChatQuery.LastRead)), []));
            }
        }
        if (rows.Count == 0 || Capabilities.Columns(TableNames.ChatHandleJoin).Count == 0)
            return rows;
        // One query for the members of every chat in the page (chat ROWIDs are ascending), not one per chat.
        using var participants = Command(ChatQuery.ParticipantsRange);
        participants.Parameters.AddWithValue("$from", rows.Min(c => c.RowId));
        participants.Parameters.AddWithValue("$to", rows.Max(c => c.RowId));
        var members = new Dictionary<long, List<string>>();
        using (var r = participants.ExecuteReader())
        {
            while (r.Read())
            {
                var chat = r.GetInt64(0);
                if (!members.TryGetValue(chat, out var list)) members[chat] = list = [];
                list.Add(r.GetString(1));
            }
        }
        for (var i = 0; i < rows.Count; i++)
            if (members.TryGetValue(rows[i].RowId, out var ids))
                rows[i] = rows[i] with { Participants = ids };
        return rows;
    }
}
