using System.Globalization;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;
using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader;

public sealed partial class ChatDb
{
    /// <summary>
    /// Messages with ROWID &gt; <paramref name="afterRowId"/>, ascending, at most <paramref name="limit"/>, streamed
    /// in batches of <see cref="ChatDbOptions.BatchSize"/> (memory stays flat on any table size). ROWIDs have gaps
    /// (deleted rows), so the next cursor is the last returned ROWID, never a count.
    /// </summary>
    public IEnumerable<MessageRecord> ReadMessagesAfter(long afterRowId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var cursor = afterRowId;
        var remaining = limit;
        while (remaining > 0)
        {
            var take = Math.Min(remaining, _options.BatchSize);
            var c = cursor;
            var batch = Guard(() => ReadBatch(_messageQuery.After, cmd =>
            {
                cmd.Bind("$after", c);
                cmd.Bind("$limit", take);
            }, contiguous: true));
            foreach (var message in batch)
                yield return message;
            if (batch.Count < take)
                yield break;
            cursor = batch[^1].RowId;
            remaining -= batch.Count;
        }
    }

    /// <summary>Messages with <paramref name="fromRowIdInclusive"/> ≤ ROWID ≤ <paramref name="toRowIdInclusive"/>,
    /// ascending, streamed in batches (for re-reading a recent window whose rows Messages updates in place).</summary>
    public IEnumerable<MessageRecord> ReadMessagesInRange(long fromRowIdInclusive, long toRowIdInclusive)
    {
        var from = fromRowIdInclusive;
        while (from <= toRowIdInclusive)
        {
            var f = from;
            var batch = Guard(() => ReadBatch(_messageQuery.Range, cmd =>
            {
                cmd.Bind("$from", f);
                cmd.Bind("$to", toRowIdInclusive);
                cmd.Bind("$limit", _options.BatchSize);
            }, contiguous: true));
            foreach (var message in batch)
                yield return message;
            if (batch.Count < _options.BatchSize || batch[^1].RowId == long.MaxValue)
                yield break;
            from = batch[^1].RowId + 1;
        }
    }

    /// <summary>The message with this GUID, or null.</summary>
    public MessageRecord? GetMessage(string guid) => Guard(() =>
        ReadBatch(_messageQuery.ByGuid, cmd => cmd.Bind("$guid", guid), contiguous: true).FirstOrDefault());

    /// <summary>
    /// Messages of one chat, in ascending ROWID order, at most <paramref name="limit"/>. With only
    /// <paramref name="beforeRowId"/> (or neither): the newest rows below it (history paging backwards). With
    /// <paramref name="afterRowId"/>: the oldest rows above it (and below <paramref name="beforeRowId"/> if given).
    /// Uses chat_message_join's (chat_id, message_id) primary-key index. Unknown chat → empty.
    /// </summary>
    public IReadOnlyList<MessageRecord> ReadChatMessages(string chatGuid, long? beforeRowId, long? afterRowId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Guard(() =>
        {
            using var chatCmd = Command("SELECT ROWID FROM chat WHERE guid = $guid");
            chatCmd.Parameters.AddWithValue("$guid", chatGuid);
            if (chatCmd.ExecuteScalar() is not long chatId)
                return (IReadOnlyList<MessageRecord>)[];

            var newestFirst = afterRowId is null;
            using var idCmd = Command(
                "SELECT message_id FROM chat_message_join WHERE chat_id = $chat AND message_id > $after AND message_id < $before " +
                $"ORDER BY message_id {(newestFirst ? "DESC" : "ASC")} LIMIT $limit");
            idCmd.Parameters.AddWithValue("$chat", chatId);
            idCmd.Parameters.AddWithValue("$after", afterRowId ?? long.MinValue);
            idCmd.Parameters.AddWithValue("$before", beforeRowId ?? long.MaxValue);
            idCmd.Parameters.AddWithValue("$limit", limit);
            var ids = new List<long>();
            using (var r = idCmd.ExecuteReader())
                while (r.Read()) ids.Add(r.GetInt64(0));
            ids.Sort();

            var result = new List<MessageRecord>(ids.Count);
            foreach (var chunk in ids.Chunk(Math.Max(1, _options.BatchSize)))
            {
                var json = IdArray(chunk);
                result.AddRange(ReadBatch(_messageQuery.ByIds, cmd => cmd.Bind("$ids", json), contiguous: false, idsJson: json));
            }
            return (IReadOnlyList<MessageRecord>)result;
        });
    }

    /// <summary>
    /// Reads one batch of message rows, then their chats and attachments with one query each (by ROWID range when the
    /// batch came from a ROWID scan, by id list otherwise) — never one query per row. Stepped through
    /// <see cref="RawStatement"/>: this is the bulk path (export, the change feed's windows, history pages).
    /// </summary>
    private List<MessageRecord> ReadBatch(string sql, Action<RawStatement> bind, bool contiguous, string? idsJson = null)
    {
        var messages = new List<MessageRecord>();
        using (var statement = _statements.Get(sql))
        {
            bind(statement);
            while (statement.Step())
                messages.Add(MessageRowReader.Read(statement, _options.DecodeAllBodies));
        }
        if (messages.Count == 0)
            return messages;

        var chats = new Dictionary<long, List<string>>();
        var attachments = new Dictionary<long, List<AttachmentRecord>>();
        void BindIds(RawStatement statement)
        {
            if (contiguous)
            {
                statement.Bind("$from", messages[0].RowId);
                statement.Bind("$to", messages[^1].RowId);
            }
            else
            {
                statement.Bind("$ids", idsJson ?? IdArray(messages.Select(m => m.RowId)));
            }
        }

        using (var statement = _statements.Get(contiguous ? ChatMessageJoinQuery.Range : ChatMessageJoinQuery.ByIds))
        {
            BindIds(statement);
            while (statement.Step())
            {
                var id = statement.Int(0);
                if (!chats.TryGetValue(id, out var list)) chats[id] = list = [];
                if (statement.Text(1) is { } guid) list.Add(guid);
            }
        }

        if (Capabilities.Columns(TableNames.MessageAttachmentJoin).Count > 0 && Capabilities.Columns(TableNames.Attachment).Count > 0)
        {
            using var statement = _statements.Get(contiguous ? _attachmentQuery.Range : _attachmentQuery.ByIds);
            BindIds(statement);
            while (statement.Step())
            {
                var id = statement.Int(AttachmentQuery.MessageId);
                if (!attachments.TryGetValue(id, out var list)) attachments[id] = list = [];
                list.Add(MessageRowReader.ReadAttachment(statement));
            }
        }

        if (chats.Count == 0 && attachments.Count == 0)
            return messages;
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            var hasChats = chats.TryGetValue(m.RowId, out var c);
            var hasAttachments = attachments.TryGetValue(m.RowId, out var a);
            if (hasChats || hasAttachments)
                messages[i] = m with { ChatGuids = c ?? (IReadOnlyList<string>)[], Attachments = a ?? (IReadOnlyList<AttachmentRecord>)[] };
        }
        return messages;
    }

    /// <summary>ROWIDs as the array literal json_each($ids) reads ("[1,2,3]"); the reader has no JSON dependency.</summary>
    private static string IdArray(IEnumerable<long> ids) =>
        "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";
}
