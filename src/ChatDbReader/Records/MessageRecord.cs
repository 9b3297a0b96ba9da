using LineAgent.ChatDbReader.Bodies;
using LineAgent.ChatDbReader.TypedStream;

namespace LineAgent.ChatDbReader.Records;

/// <summary>
/// One message row with its chats and attachments. Dates are UTC; unset dates (0 or NULL) are null. Rows are
/// updated in place by Messages (is_sent, is_delivered, date_read, date_edited, error …), so the same
/// <see cref="Guid"/> can be read again with new values.
/// </summary>
public sealed record MessageRecord
{
    /// <summary>message.ROWID. AUTOINCREMENT: increases with every insert; deleted rows leave gaps.</summary>
    public required long RowId { get; init; }

    /// <summary>message.guid (upper-case UUID).</summary>
    public required string Guid { get; init; }

    /// <summary>chat.guid of every chat the row is joined to (chat_message_join), in chat ROWID order. A message can
    /// be in no chat (e.g. auto-deleted OTP, the moment before the join row is written) or in several.</summary>
    public IReadOnlyList<string> ChatGuids { get; init; } = [];

    /// <summary>message.service: iMessage, SMS, RCS, iMessageLite …</summary>
    public string? Service { get; init; }

    /// <summary>True when the owner of this Mac sent the row.</summary>
    public bool IsFromMe { get; init; }

    /// <summary>handle.id of the sender for received rows; null for own rows (for those handle_id is 0 in groups and
    /// the recipient in 1:1 chats, so it is not a sender) and when handle_id is 0.</summary>
    public string? Sender { get; init; }

    /// <summary>message.handle_id (0 when none).</summary>
    public long HandleRowId { get; init; }

    /// <summary>When the row was written (message.date).</summary>
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? DateDelivered { get; init; }
    public DateTimeOffset? DateRead { get; init; }
    /// <summary>message.date_edited: set by an edit or an unsend.</summary>
    public DateTimeOffset? DateEdited { get; init; }
    /// <summary>message.date_retracted (not set by macOS 26 unsends).</summary>
    public DateTimeOffset? DateRetracted { get; init; }

    /// <summary>The text column when it has a value, else the decoded attributedBody text (macOS 13+ often leaves
    /// text NULL). U+FFFC attachment placeholders are kept. Null when neither exists (group events, unsent rows).</summary>
    public string? Text { get; init; }

    /// <summary>The decoded body (attributedBody first, text column as fallback), or null.</summary>
    public MessageBody? Body { get; init; }

    /// <summary>Why attributedBody could not be decoded (the text column was used instead), or null.</summary>
    public TypedStreamError? BodyError { get; init; }

    public MessageKind Kind { get; init; }

    /// <summary>The tapback when <see cref="Kind"/> is <see cref="MessageKind.Reaction"/>.</summary>
    public Reaction? Reaction { get; init; }

    /// <summary>The group change when <see cref="Kind"/> is <see cref="MessageKind.GroupEvent"/>.</summary>
    public GroupEvent? GroupEvent { get; init; }

    /// <summary>Attachments joined to the row, in join order.</summary>
    public IReadOnlyList<AttachmentRecord> Attachments { get; init; } = [];

    public bool IsSent { get; init; }
    public bool IsDelivered { get; init; }
    public bool IsRead { get; init; }
    public bool IsFinished { get; init; }

    /// <summary>message.error: 0 = OK; non-zero = the send failed (codes are undocumented).</summary>
    public int Error { get; init; }

    /// <summary>True when the text was edited (at least one part has an edit history).</summary>
    public bool IsEdited { get; init; }

    /// <summary>True when every part was unsent (nothing of the message is left).</summary>
    public bool IsUnsent { get; init; }

    /// <summary>Indexes of the parts that were edited (message_summary_info "ep").</summary>
    public IReadOnlyList<int> EditedParts { get; init; } = [];

    /// <summary>
    /// How many times each edited part was edited (message_summary_info "ec": its versions minus the original).
    /// Apple allows 5 edits per part.
    /// </summary>
    public IReadOnlyDictionary<int, int> EditCounts { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<int, int>.Empty;

    /// <summary>
    /// Indexes of the parts that were unsent (message_summary_info "rp"), sorted: some parts when
    /// <see cref="IsUnsent"/> is false (macOS 26 records a partial unsend as an edit and leaves date_retracted 0),
    /// every part when it is true.
    /// </summary>
    public IReadOnlyList<int> UnsentParts { get; init; } = [];

    /// <summary>
    /// When the (latest) unsend happened: date_retracted, or date_edited when Messages recorded the unsend as an
    /// edit (macOS 26, partial unsends). Null when nothing was unsent. chat.db keeps one date per row, so with several
    /// unsends of one message this is the last.
    /// </summary>
    public DateTimeOffset? DateUnsent { get; init; }

    /// <summary>message.part_count, null when the column is absent or NULL.</summary>
    public int? PartCount { get; init; }

    /// <summary>GUID of the root of the inline-reply thread (reliable, unlike reply_to_guid).</summary>
    public string? ThreadOriginatorGuid { get; init; }

    /// <summary>The part of the thread root replied to (first number of "part:start:len"), or null.</summary>
    public int? ThreadOriginatorPart { get; init; }

    /// <summary>App/rich-link balloon (e.g. com.apple.messages.URLBalloonProvider), or null.</summary>
    public string? BalloonBundleId { get; init; }

    public long ItemType { get; init; }
    public long GroupActionType { get; init; }
    public long AssociatedMessageType { get; init; }
    public string? AssociatedMessageGuid { get; init; }

    /// <summary>The owner's address used for this message (destination_caller_id), or null.</summary>
    public string? DestinationCallerId { get; init; }

    /// <summary>Screen/bubble effect id (expressive_send_style_id), or null.</summary>
    public string? ExpressiveSendStyleId { get; init; }
}
