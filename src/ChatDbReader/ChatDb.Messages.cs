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
    public IEnumerable<MessageRecord> ReadMessagesAfter(long afterRowId, int limit) =>
        ReadMessageRowsAfter(afterRowId, limit).SelectMany(batch => batch.Decode());

    /// <summary>
    /// What <see cref="ReadMessagesAfter"/> reads, batch by batch, before decoding: each batch is read from chat.db
    /// when the enumeration reaches it, and may be decoded (<see cref="MessageRowBatch.Decode"/>) on another thread,
    /// while this one reads the next. The bulk path of `lineagent export`.
    /// </summary>
    public IEnumerable<MessageRowBatch> ReadMessageRowsAfter(long afterRowId, int limit)
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
            var count = batch.Count;
            cursor = batch.LastRowId;
            if (count > 0)
                yield return batch;
            else
                batch.Dispose();
            if (count < take)
                yield break;
            remaining -= count;
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
            }, contiguous: true).Decode());
            foreach (var message in batch)
                yield return message;
            if (batch.Count < _options.BatchSize || batch[^1].RowId == long.MaxValue)
                yield break;
            from = batch[^1].RowId + 1;
        }
    }

    /// <summary>The message with this GUID, or null.</summary>
    public MessageRecord? GetMessage(string guid) => Guard(() =>
        ReadBatch(_messageQuery.ByGuid, cmd => cmd.Bind("$guid", guid), contiguous: true).Decode().FirstOrDefault());

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
                result.AddRange(ReadBatch(_messageQuery.ByIds, cmd => cmd.Bind("$ids", json), contiguous: false, idsJson: json).Decode());
            }
            return (IReadOnlyList<MessageRecord>)result;
        });
    }

    /// <summary>
    /// Reads one batch of message rows, then their chats and attachments with one query each (by ROWID range when the
    /// batch came from a ROWID scan, by id list otherwise) — never one query per row. Stepped through
    /// <see cref="RawStatement"/> and copied out as stored; decoding is the batch's (<see cref="MessageRowBatch.Decode"/>).
    /// This is the bulk path (export, the change feed's windows, history pages).
    /// </summary>
    private MessageRowBatch ReadBatch(string sql, Action<RawStatement> bind, bool contiguous, string? idsJson = null)
    {
        var messages = Capture(MessageQuery.ColumnCount, sql, bind);
        var chats = new CapturedRows(ChatMessageJoinQuery.ColumnCount, messages.Count);
        CapturedRows? attachments = null;
        try
        {
            if (messages.Count > 0)
            {
                var first = messages[0].Int(MessageQuery.RowId);
                var last = messages[messages.Count - 1].Int(MessageQuery.RowId);
                void BindIds(RawStatement statement)
                {
                    if (contiguous)
                    {
                        statement.Bind("$from", first);
                        statement.Bind("$to", last);
                    }
                    else
                    {
                        statement.Bind("$ids", idsJson ?? IdArray(Enumerable.Range(0, messages.Count).Select(i => messages[i].Int(MessageQuery.RowId))));
                    }
                }

                CaptureInto(chats, contiguous ? ChatMessageJoinQuery.Range : ChatMessageJoinQuery.ByIds, BindIds);
                if (Capabilities.Columns(TableNames.MessageAttachmentJoin).Count > 0 && Capabilities.Columns(TableNames.Attachment).Count > 0)
                {
                    attachments = new CapturedRows(AttachmentQuery.ColumnCount, 16);
                    CaptureInto(attachments, contiguous ? _attachmentQuery.Range : _attachmentQuery.ByIds, BindIds);
                }
            }
            return new MessageRowBatch(messages, chats, attachments, _options.DecodeAllBodies);
        }
        catch
        {
            messages.Dispose();
            chats.Dispose();
            attachments?.Dispose();
            throw;
        }
    }

    private CapturedRows Capture(int columns, string sql, Action<RawStatement> bind)
    {
        var rows = new CapturedRows(columns, _options.BatchSize);
        try
        {
            CaptureInto(rows, sql, bind);
            return rows;
        }
        catch
        {
            rows.Dispose();
            throw;
        }
    }

    private void CaptureInto(CapturedRows rows, string sql, Action<RawStatement> bind)
    {
        using var statement = _statements.Get(sql);
        bind(statement);
        while (statement.Step())
            rows.Add(statement);
    }

    /// <summary>ROWIDs as the array literal json_each($ids) reads ("[1,2,3]"); the reader has no JSON dependency.</summary>
    private static string IdArray(IEnumerable<long> ids) =>
        "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";
}
