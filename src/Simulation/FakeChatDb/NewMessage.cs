namespace LineAgent.FakeChatDb;

/// <summary>
/// Everything <see cref="FakeChatDatabase.InsertMessage"/> can put in a message row. Defaults describe a received,
/// finished iMessage text row, written the way Messages writes it on macOS 13+ (text column and attributedBody).
/// </summary>
public sealed record NewMessage
{
    /// <summary>Body text. Written to attributedBody (typedstream) and, unless <see cref="BodyOnly"/>, to the text column. Default null (no body).</summary>
    public string? Text { get; init; }

    /// <summary>True: text column NULL, content only in attributedBody (common since macOS 13). Default false.</summary>
    public bool BodyOnly { get; init; }

    /// <summary>Attribute runs for the encoder (UTF-16 lengths). Default null: one run, part 0.</summary>
    public IReadOnlyList<EncodedRun>? Runs { get; init; }

    /// <summary>Raw attributedBody bytes, written as given (e.g. a corrupt blob). Overrides the encoded <see cref="Text"/>.</summary>
    public byte[]? AttributedBody { get; init; }

    /// <summary>Message GUID. Default: a new upper-case UUID.</summary>
    public string? Guid { get; init; }

    /// <summary>Chats the row is joined to (chat_message_join). Default none: a message in no chat.</summary>
    public IReadOnlyList<FakeChat> Chats { get; init; } = [];

    /// <summary>True for rows the owner sent. Default false.</summary>
    public bool IsFromMe { get; init; }

    /// <summary>handle.id of the sender of a received row (or of the 1:1 recipient of an own row, as Messages does). Default null (handle_id 0).</summary>
    public string? Handle { get; init; }

    /// <summary>message.service. Default "iMessage".</summary>
    public string Service { get; init; } = "iMessage";

    /// <summary>message.date. Default: the database clock.</summary>
    public DateTimeOffset? Date { get; init; }

    public bool IsSent { get; init; }
    public bool IsDelivered { get; init; }
    public DateTimeOffset? DateDelivered { get; init; }
    public bool IsRead { get; init; }
    public DateTimeOffset? DateRead { get; init; }

    /// <summary>message.is_finished. Default true.</summary>
    public bool IsFinished { get; init; } = true;
    public int Error { get; init; }

    public int ItemType { get; init; }
    public int GroupActionType { get; init; }
    /// <summary>handle.id stored (as ROWID) in message.other_handle (group member added/removed).</summary>
    public string? OtherHandle { get; init; }
    public string? GroupTitle { get; init; }

    public string? AssociatedMessageGuid { get; init; }
    public int AssociatedMessageType { get; init; }
    public string? AssociatedMessageEmoji { get; init; }
    public int AssociatedMessageRangeLocation { get; init; }
    public int AssociatedMessageRangeLength { get; init; }

    public string? ThreadOriginatorGuid { get; init; }
    /// <summary>thread_originator_part, e.g. "0:0:5". Default: "0:0:0" when <see cref="ThreadOriginatorGuid"/> is set.</summary>
    public string? ThreadOriginatorPart { get; init; }
    public string? BalloonBundleId { get; init; }
    public byte[]? PayloadData { get; init; }
    public string? ExpressiveSendStyleId { get; init; }

    /// <summary>message.part_count. Default: 1 when there is a body, else 0.</summary>
    public int? PartCount { get; init; }
}

/// <summary>What <see cref="FakeChatDatabase.InsertAttachment"/> writes to the attachment table.</summary>
public sealed record NewAttachment
{
    /// <summary>Original file name (attachment.transfer_name). Default "IMG_0001.jpeg".</summary>
    public string TransferName { get; init; } = "IMG_0001.jpeg";
    public string? MimeType { get; init; } = "image/jpeg";
    public string? Uti { get; init; } = "public.jpeg";
    public long TotalBytes { get; init; } = 1024;
    /// <summary>attachment.transfer_state; 5 = finished (BlueBubbles). Default 5.</summary>
    public int TransferState { get; init; } = 5;
    public bool IsOutgoing { get; init; }
    public bool IsSticker { get; init; }
    /// <summary>attachment.filename. Default "~/Library/Messages/Attachments/xx/yy/GUID/TransferName" (literal tilde, as Messages stores it).
    /// Set <see cref="NoFilename"/> for a not-yet-downloaded attachment.</summary>
    public string? Filename { get; init; }
    public bool NoFilename { get; init; }
    /// <summary>Attachment GUID. Default: "at_0_" + a new UUID.</summary>
    public string? Guid { get; init; }
}
