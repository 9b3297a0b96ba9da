using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Tables;
using LineAgent.ChatDbReader.Time;

namespace LineAgent.ChatDbReader;

/// <summary>
/// One message row of a <see cref="MessageRowBatch"/>, read in place: the values its <see cref="MessageRecord"/>
/// would have, with the text columns as <see cref="Utf8Text"/> (the bytes SQLite returned, no string made) — the
/// bulk path of `lineagent export`, which writes them straight into JSON. Valid until the batch is disposed.
/// </summary>
public readonly struct MessageRowView
{
    private readonly CapturedRow _row;
    private readonly MessageFacts _facts;

    internal MessageRowView(CapturedRow row, MessageFacts facts, ChatGuidList chats, IReadOnlyList<AttachmentRecord> attachments)
    {
        _row = row;
        _facts = facts;
        ChatGuids = chats;
        Attachments = attachments;
    }

    public long RowId => _row.Int(MessageQuery.RowId);

    /// <summary>The message GUID ("" when NULL, as <see cref="MessageRecord.Guid"/>).</summary>
    public Utf8Text Guid => _row.Utf8(MessageQuery.Guid) is { IsNull: false } guid ? guid : Utf8Text.Empty;

    /// <summary>The GUIDs of the chats the row is in, in chat ROWID order (NULL ones left out).</summary>
    public ChatGuidList ChatGuids { get; }

    public Utf8Text Service => _row.Utf8(MessageQuery.Service);

    public bool IsFromMe => _row.Bool(MessageQuery.IsFromMe);

    /// <summary>The sender's handle; NULL for the line's own messages.</summary>
    public Utf8Text Sender => IsFromMe ? Utf8Text.Null : _row.Utf8(MessageQuery.SenderId);

    public DateTimeOffset? Date => AppleTime.ToDateTimeOffset(_row.NullableInt(MessageQuery.Date));

    public DateTimeOffset? DateDelivered => AppleTime.ToDateTimeOffset(_row.NullableInt(MessageQuery.DateDelivered));

    public DateTimeOffset? DateRead => AppleTime.ToDateTimeOffset(_row.NullableInt(MessageQuery.DateRead));

    public DateTimeOffset? DateEdited => _facts.DateEdited;

    /// <summary>The text column, or where it is NULL or empty the text decoded from attributedBody.</summary>
    public Utf8Text Text =>
        !_row.IsNullOrEmptyText(MessageQuery.Text) || _facts.BodyText is not { } decoded ? _row.Utf8(MessageQuery.Text) : new Utf8Text(decoded);

    public MessageKind Kind => _facts.Kind;

    public Reaction? Reaction => _facts.Reaction;

    public GroupEvent? GroupEvent => _facts.GroupEvent;

    public IReadOnlyList<AttachmentRecord> Attachments { get; }

    public bool IsSent => _row.Bool(MessageQuery.IsSent);

    public bool IsDelivered => _row.Bool(MessageQuery.IsDelivered);

    public bool IsRead => _row.Bool(MessageQuery.IsRead);

    public int Error => (int)_row.Int(MessageQuery.Error);

    public bool IsEdited => _facts.IsEdited;

    public bool IsUnsent => _facts.IsUnsent;

    public Utf8Text ThreadOriginatorGuid => _row.Utf8(MessageQuery.ThreadOriginatorGuid).NullIfEmpty();

    public Utf8Text BalloonBundleId => _row.Utf8(MessageQuery.BalloonBundleId).NullIfEmpty();

    public IReadOnlyList<int> UnsentParts => _facts.UnsentParts;

    public DateTimeOffset? DateUnsent => _facts.DateUnsent;

    /// <summary>A row's chat GUIDs: <c>foreach (var guid in row.ChatGuids)</c>.</summary>
    public readonly struct ChatGuidList
    {
        private readonly CapturedRows _chats;
        private readonly int[]? _order;
        private readonly int _start, _end;

        /// <param name="chats">The batch's join rows.</param>
        /// <param name="order">Join row positions in chat order (null: in order as they are).</param>
        /// <param name="start">This row's first position.</param>
        /// <param name="end">Past its last.</param>
        internal ChatGuidList(CapturedRows chats, int[]? order, int start, int end)
        {
            _chats = chats;
            _order = order;
            _start = start;
            _end = end;
        }

        public Enumerator GetEnumerator() => new(this);

        public struct Enumerator
        {
            private readonly ChatGuidList _list;
            private int _current;

            internal Enumerator(ChatGuidList list)
            {
                _list = list;
                _current = list._start - 1;
            }

            public readonly Utf8Text Current => Guid(_current);

            public bool MoveNext()
            {
                while (++_current < _list._end)
                    if (!Row(_current).IsNull(ChatMessageJoinQuery.ChatGuid))
                        return true;
                return false;
            }

            private readonly Utf8Text Guid(int position) => Row(position).Utf8(ChatMessageJoinQuery.ChatGuid);

            private readonly CapturedRow Row(int position) => _list._chats[_list._order is { } order ? order[position] : position];
        }
    }
}
