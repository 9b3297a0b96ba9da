using Microsoft.Data.Sqlite;

namespace LineAgent.FakeChatDb;

public sealed partial class FakeChatDatabase
{
    private static readonly string[] MessageInsertColumns =
    [
        "guid", "text", "replace", "handle_id", "service", "account", "account_guid", "attributedBody", "version", "type",
        "error", "date", "date_read", "date_delivered", "is_delivered", "is_finished", "is_from_me", "is_empty", "is_read",
        "is_sent", "item_type", "other_handle", "group_title", "group_action_type", "associated_message_guid",
        "associated_message_type", "associated_message_emoji", "associated_message_range_location",
        "associated_message_range_length", "balloon_bundle_id", "payload_data", "expressive_send_style_id",
        "message_summary_info", "destination_caller_id", "thread_originator_guid", "thread_originator_part",
        "date_edited", "date_retracted", "part_count", "ck_sync_state", "is_spam",
    ];

    /// <summary>
    /// Inserts one message row as Messages writes it, joined to <see cref="NewMessage.Chats"/> (none: a message in no
    /// chat). Columns the variant lacks are skipped. Returns the new row's ROWID and GUID.
    /// </summary>
    public FakeMessage InsertMessage(NewMessage m)
    {
        _messageInserter ??= new RowInserter(_connection, "message", _messageColumns, MessageInsertColumns);
        var guid = m.Guid ?? NewGuid();
        var date = m.Date ?? Clock();
        var appleDate = ToAppleNanoseconds(date);
        var body = m.AttributedBody ?? (m.Text is null ? null : TypedStreamEncoder.Encode(m.Text, m.Runs));
        var handleId = m.Handle is null ? 0L : EnsureHandle(m.Handle, m.Service);
        var otherHandle = m.OtherHandle is null ? 0L : EnsureHandle(m.OtherHandle, m.Service);

        var rowId = _messageInserter.Insert(_transaction,
            guid, m.BodyOnly ? null : m.Text, 0, handleId, m.Service, "E:" + OwnerAddress, OwnerAccountGuid, body, 10, 0,
            m.Error, appleDate, AppleTime(m.DateRead) ?? 0L, AppleTime(m.DateDelivered) ?? 0L, m.IsDelivered ? 1 : 0,
            m.IsFinished ? 1 : 0, m.IsFromMe ? 1 : 0, 0, m.IsRead ? 1 : 0,
            m.IsSent ? 1 : 0, m.ItemType, otherHandle, m.GroupTitle, m.GroupActionType, m.AssociatedMessageGuid,
            m.AssociatedMessageType, m.AssociatedMessageEmoji, m.AssociatedMessageRangeLocation,
            m.AssociatedMessageRangeLength, m.BalloonBundleId, m.PayloadData, m.ExpressiveSendStyleId,
            null, m.IsFromMe ? OwnerAddress : null, m.ThreadOriginatorGuid,
            m.ThreadOriginatorPart ?? (m.ThreadOriginatorGuid is null ? null : "0:0:0"),
            UnsetDate, UnsetDate, m.PartCount ?? (body is null ? 0 : 1), 0, 0);

        foreach (var chat in m.Chats)
            JoinChat(rowId, chat.RowId, appleDate);
        if (m.Text is not null && _transaction is null)
            _knownTexts[rowId] = m.Text;      // edit history needs the original; bulk batches skip it to stay small
        return new FakeMessage(rowId, guid);
    }

    /// <summary>Adds an existing message to another chat (a message can be in 0, 1 or several chats).</summary>
    public void AddToChat(FakeMessage message, FakeChat chat)
    {
        var date = (long)(Scalar("SELECT date FROM message WHERE ROWID = $id", ("$id", message.RowId)) ?? 0L);
        JoinChat(message.RowId, chat.RowId, date);
    }

    /// <summary>A text received in <paramref name="chat"/> from <paramref name="from"/> (handle id).</summary>
    public FakeMessage ReceiveText(FakeChat chat, string from, string text, bool bodyOnly = false, DateTimeOffset? date = null) =>
        InsertMessage(new NewMessage { Text = text, BodyOnly = bodyOnly, Chats = [chat], Handle = from, Service = chat.Service, Date = date });

    /// <summary>
    /// A text the owner sent in <paramref name="chat"/>. With <paramref name="sent"/> false the row is still pending
    /// (is_sent 0), as Messages writes it before the send completes; see <see cref="MarkSent"/>/<see cref="MarkFailed"/>.
    /// In 1:1 chats handle_id is the recipient (Messages does this; readers must not treat it as the sender).
    /// </summary>
    public FakeMessage SendText(FakeChat chat, string text, bool bodyOnly = false, bool sent = true, DateTimeOffset? date = null) =>
        InsertMessage(new NewMessage
        {
            Text = text, BodyOnly = bodyOnly, Chats = [chat], IsFromMe = true, IsSent = sent, IsFinished = sent,
            Handle = chat.IsGroup ? null : chat.ChatIdentifier, Service = chat.Service, Date = date,
        });

    /// <summary>A reply in the inline thread rooted at <paramref name="originator"/> (thread_originator_guid).</summary>
    public FakeMessage ReceiveReply(FakeChat chat, string from, FakeMessage originator, string text, int originatorPart = 0) =>
        InsertMessage(new NewMessage
        {
            Text = text, BodyOnly = true, Chats = [chat], Handle = from, Service = chat.Service,
            ThreadOriginatorGuid = originator.Guid, ThreadOriginatorPart = $"{originatorPart}:0:0",
        });

    /// <summary>Deletes a message (Apple's triggers fire: the GUID lands in deleted_messages and sync_deleted_messages, orphaned handles go).</summary>
    public void DeleteMessage(FakeMessage message)
    {
        Execute("DELETE FROM message WHERE ROWID = $id", ("$id", message.RowId));
        _handleCache.Clear();     // after_delete_on_message removes orphaned handles
    }

    private readonly Dictionary<long, string> _knownTexts = new();

    private string OwnerAccountGuid { get; } = NewGuid();

    private void JoinChat(long messageRowId, long chatRowId, long appleDate)
    {
        if (_chatJoinInsert is null)
        {
            _chatJoinInsert = _connection.CreateCommand();
            _chatJoinInsert.CommandText = "INSERT OR IGNORE INTO chat_message_join (chat_id, message_id, message_date) VALUES ($c, $m, $d)";
            _chatJoinInsert.Parameters.Add(new SqliteParameter("$c", 0L));
            _chatJoinInsert.Parameters.Add(new SqliteParameter("$m", 0L));
            _chatJoinInsert.Parameters.Add(new SqliteParameter("$d", 0L));
        }
        _chatJoinInsert.Transaction = _transaction;
        _chatJoinInsert.Parameters[0].Value = chatRowId;
        _chatJoinInsert.Parameters[1].Value = messageRowId;
        _chatJoinInsert.Parameters[2].Value = appleDate;
        _chatJoinInsert.ExecuteNonQuery();
    }
}
