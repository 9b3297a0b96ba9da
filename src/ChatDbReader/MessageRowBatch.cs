using System.Runtime.CompilerServices;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;

namespace LineAgent.ChatDbReader;

/// <summary>
/// One batch of message rows with their chat and attachment joins, copied out of chat.db as stored and not yet
/// decoded. <see cref="Decode"/> makes the records — on any thread, without touching the database — so a bulk
/// reader can read the next batch on one core while this one is decoded and written on another. Decode once; the
/// copied rows go back to a shared pool then (or on <see cref="Dispose"/>, for a batch never decoded). Or read the
/// rows in place with <see cref="Row"/>, without records or strings, then dispose the batch.
/// </summary>
public sealed class MessageRowBatch : IDisposable
{
    private readonly CapturedRows _messages;
    private readonly CapturedRows _chatRows;
    private readonly CapturedRows? _attachmentRows;
    private readonly bool _decodeAllBodies;
    private bool _released;
    // Made on first use (Index): row i's chat rows are _chatRanges[2i] up to _chatRanges[2i + 1], in chat order through
    // _chatOrder (null when no row is in more than one chat: the rows are in order as read); attachments by message.
    private int[]? _chatRanges;
    private int[]? _chatOrder;
    private Dictionary<long, List<AttachmentRecord>>? _attachments;

    internal MessageRowBatch(CapturedRows messages, CapturedRows chats, CapturedRows? attachments, bool decodeAllBodies)
    {
        _messages = messages;
        _chatRows = chats;
        _attachmentRows = attachments;
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
            Index();
            var records = new MessageRecord[Count];
            for (var i = 0; i < Count; i++)
            {
                var chats = new List<string>(_chatRanges![2 * i + 1] - _chatRanges[2 * i]);
                foreach (var guid in ChatGuids(i))
                    chats.Add(guid.ToString()!);
                records[i] = MessageRowReader.Read(_messages[i], _decodeAllBodies, chats, Attachments(i));
            }
            return records;
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>
    /// Row <paramref name="i"/> (ROWID order) read in place, without a record: the bulk path. Valid until the batch is
    /// disposed (the caller disposes it when done with its rows).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per row of a bulk read: optimized from the first row, not once tiering gets to it (a short export is over by then)
    public MessageRowView Row(int i)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        Index();
        var row = _messages[i];
        var textIsNullOrEmpty = row.IsNullOrEmptyText(MessageQuery.Text);
        // A row read in place shows a body's text only, and only where the text column has none: the body is decoded
        // then alone (whatever DecodeAllBodies says, which is about the records' parts), without its parts.
        var textForDecoder = textIsNullOrEmpty ? (row.IsNull(MessageQuery.Text) ? null : "") : null;
        var facts = MessageFacts.Of(row, decodeAllBodies: false, textIsNullOrEmpty, textForDecoder, withParts: false);
        return new MessageRowView(row, facts, ChatGuids(i), Attachments(i));
    }

    /// <summary>
    /// Compiles the per-row code of reading batches and their rows in place (copying rows out of SQLite, <see cref="Row"/>
    /// and what it calls, all optimized at once) on the calling thread, before the first batch: see
    /// <see cref="OptimizedCode"/>. Returns the methods compiled.
    /// </summary>
    public static IReadOnlyList<System.Reflection.MethodInfo> CompileRowCode() =>
    [
        .. OptimizedCode.Compile(typeof(CapturedRows)),
        .. OptimizedCode.Compile(typeof(MessageRowBatch)),
        OptimizedCode.Compile(typeof(MessageFacts), nameof(MessageFacts.Of), typeof(CapturedRow)),
    ];

    private MessageRowView.ChatGuidList ChatGuids(int i) => new(_chatRows, _chatOrder, _chatRanges![2 * i], _chatRanges[2 * i + 1]);

    private IReadOnlyList<AttachmentRecord> Attachments(int i) =>
        _attachments is not null && _attachments.TryGetValue(_messages[i].Int(MessageQuery.RowId), out var list) ? list : [];

    /// <summary>
    /// Where each row's chats are: both queries return rows in message ROWID order, so one pass pairs them (a join
    /// row whose message is not in the batch is passed over), and puts the chats of a row in several in chat ROWID
    /// order. Attachments (few rows have any) are read into records once, by message.
    /// </summary>
    private void Index()
    {
        if (_chatRanges is not null)
            return;
        var ranges = new int[2 * Count];
        var chat = 0;
        for (var i = 0; i < Count; i++)
        {
            var id = _messages[i].Int(MessageQuery.RowId);
            while (chat < _chatRows.Count && _chatRows[chat].Int(ChatMessageJoinQuery.MessageId) < id)
                chat++;
            ranges[2 * i] = chat;
            while (chat < _chatRows.Count && _chatRows[chat].Int(ChatMessageJoinQuery.MessageId) == id)
                chat++;
            ranges[2 * i + 1] = chat;
            if (chat - ranges[2 * i] > 1)
                OrderChats(ranges[2 * i], chat);
        }
        _chatRanges = ranges;

        if (_attachmentRows is { Count: > 0 })
        {
            _attachments = [];
            for (var i = 0; i < _attachmentRows.Count; i++)
            {
                var row = _attachmentRows[i];
                var id = row.Int(AttachmentQuery.MessageId);
                if (!_attachments.TryGetValue(id, out var list)) _attachments[id] = list = [];
                list.Add(MessageRowReader.ReadAttachment(row));
            }
        }
    }

    /// <summary>Join rows <paramref name="start"/> up to <paramref name="end"/> (one message's) by chat ROWID.</summary>
    private void OrderChats(int start, int end)
    {
        if (_chatOrder is null)
        {
            _chatOrder = new int[_chatRows.Count];
            for (var k = 0; k < _chatOrder.Length; k++)
                _chatOrder[k] = k;
        }
        var chatIds = new long[end - start];
        for (var k = start; k < end; k++)
            chatIds[k - start] = _chatRows[k].Int(ChatMessageJoinQuery.ChatId);
        chatIds.AsSpan().Sort(_chatOrder.AsSpan(start, end - start));
    }

    public void Dispose()
    {
        if (_released)
            return;
        _released = true;
        _messages.Dispose();
        _chatRows.Dispose();
        _attachmentRows?.Dispose();
    }
}
