namespace LineAgent.FakeChatDb;

public sealed partial class FakeChatDatabase
{
    private static readonly string[] AttachmentInsertColumns =
    [
        "guid", "created_date", "start_date", "filename", "uti", "mime_type", "transfer_state", "is_outgoing",
        "transfer_name", "total_bytes", "is_sticker", "hide_attachment", "ck_sync_state", "original_guid",
    ];

    /// <summary>
    /// Inserts an attachment row and joins it to <paramref name="message"/> (message_attachment_join; Apple's trigger
    /// sets message.cache_has_attachments). filename keeps the literal "~/" Messages stores.
    /// </summary>
    public FakeAttachment InsertAttachment(FakeMessage message, NewAttachment a)
    {
        _attachmentInserter ??= new RowInserter(_connection, "attachment", _attachmentColumns, AttachmentInsertColumns);
        var guid = a.Guid ?? "at_0_" + NewGuid();
        var filename = a.NoFilename ? null
            : a.Filename ?? $"~/Library/Messages/Attachments/{guid[^2..].ToLowerInvariant()}/{(guid.Length % 100):00}/{guid}/{a.TransferName}";
        var created = ToAppleNanoseconds(Clock()) / 1_000_000_000;     // attachment.created_date is in seconds
        var rowId = _attachmentInserter.Insert(_transaction,
            guid, created, 0, filename, a.Uti, a.MimeType, a.TransferState, a.IsOutgoing ? 1 : 0,
            a.TransferName, a.TotalBytes, a.IsSticker ? 1 : 0, 0, 0, guid);
        Execute("INSERT INTO message_attachment_join (message_id, attachment_id) VALUES ($m, $a)", ("$m", message.RowId), ("$a", rowId));
        return new FakeAttachment(rowId, guid, filename);
    }

    /// <summary>
    /// A message carrying one attachment, as Messages writes it: body "\uFFFC" (+ optional caption as part 1), the
    /// U+FFFC run carrying __kIMFileTransferGUIDAttributeName = the attachment GUID, then the attachment row and join.
    /// <paramref name="from"/> null = sent by the owner.
    /// </summary>
    public (FakeMessage Message, FakeAttachment Attachment) SendAttachment(FakeChat chat, NewAttachment attachment,
        string? from = null, string? caption = null, bool bodyOnly = false, DateTimeOffset? date = null)
    {
        var guid = attachment.Guid ?? "at_0_" + NewGuid();
        var runs = new List<EncodedRun>
        {
            new(1, new Dictionary<string, object>
            {
                ["__kIMMessagePartAttributeName"] = 0L,
                ["__kIMFileTransferGUIDAttributeName"] = guid,
                ["__kIMFilenameAttributeName"] = attachment.TransferName,
            }),
        };
        if (caption is not null)
            runs.Add(new(caption.Length, new Dictionary<string, object> { ["__kIMMessagePartAttributeName"] = 1L }));
        var message = InsertMessage(new NewMessage
        {
            Text = "\uFFFC" + caption, Runs = runs, BodyOnly = bodyOnly, Chats = [chat], IsFromMe = from is null, IsSent = from is null,
            Handle = from ?? (chat.IsGroup ? null : chat.ChatIdentifier), Service = chat.Service, Date = date,
            PartCount = caption is null ? 1 : 2,
        });
        var att = InsertAttachment(message, attachment with { Guid = guid, IsOutgoing = from is null });
        return (message, att);
    }

    /// <summary>Updates attachment.transfer_state (5 = finished) — attachments often finish after the message row appears.</summary>
    public void SetTransferState(FakeAttachment attachment, int transferState) =>
        Execute("UPDATE attachment SET transfer_state = $s WHERE ROWID = $id", ("$s", transferState), ("$id", attachment.RowId));
}
