using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;

namespace LineAgent.ChatDbReader;

/// <summary>
/// One batch of message rows with their chat and attachment joins, copied out of chat.db as stored and not yet
/// decoded. <see cref="Decode"/> makes the records — on any thread, without touching the database — so a bulk
/// reader can read the next batch on one core while this one is decoded and written on another. Decode once; the
/// copied rows go back to a shared pool then (or on <see cref="Dispose"/>, for a batch never decoded).
/// </summary>
public sealed class MessageRowBatch : IDisposable
{
    private readonly CapturedRows _messages;
    private readonly CapturedRows _chats;
    private readonly CapturedRows? _attachments;
    private readonly bool _decodeAllBodies;
    private bool _released;

    internal MessageRowBatch(CapturedRows messages, CapturedRows chats, CapturedRows? attachments, bool decodeAllBodies)
    {
        _messages = messages;
        _chats = chats;
        _attachments = attachments;
        _decodeAllBodies = decodeAllBodies;
        Count = messages.Count;
        LastRowId = Count > 0 ? messages[Count - 1].Int(MessageQuery.RowId) : 0;
    }

    /// <summary>Message rows in the batch.</summary>
    public int Count { get; }

    /// <summary>The ROWID of the batch's last row (0 when empty): the cursor after it.</summary>
    public long LastRowId { get; }

    /// <summary>The batch's records, in ROWID order, each with its chats and attachments.</summary>
    public IReadOnlyList<MessageRecord> Decode()
    {
        ObjectDisposedException.ThrowIf(_released, this);
        try
        {
            var chats = new Dictionary<long, List<string>>();
            for (var i = 0; i < _chats.Count; i++)
            {
                var row = _chats[i];
                var id = row.Int(0);
                if (!chats.TryGetValue(id, out var list)) chats[id] = list = [];
                if (row.Text(1) is { } guid) list.Add(guid);
            }
            var attachments = new Dictionary<long, List<AttachmentRecord>>();
            for (var i = 0; i < (_attachments?.Count ?? 0); i++)
            {
                var row = _attachments![i];
                var id = row.Int(AttachmentQuery.MessageId);
                if (!attachments.TryGetValue(id, out var list)) attachments[id] = list = [];
                list.Add(MessageRowReader.ReadAttachment(row));
            }

            var records = new MessageRecord[Count];
            for (var i = 0; i < Count; i++)
            {
                var row = _messages[i];
                var id = row.Int(MessageQuery.RowId);
                records[i] = MessageRowReader.Read(row, _decodeAllBodies,
                    chats.TryGetValue(id, out var c) ? c : [],
                    attachments.TryGetValue(id, out var a) ? a : []);
            }
            return records;
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        if (_released)
            return;
        _released = true;
        _messages.Dispose();
        _chats.Dispose();
        _attachments?.Dispose();
    }
}
