using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages;

/// <summary>Inserts rows through <see cref="FakeChatDatabase"/> the way Messages writes them for a send.</summary>
public sealed class SimWriter(FakeChatDatabase db, SimConfig config)
{
    public FakeChatDatabase Db => db;

    /// <summary>An outgoing row in <paramref name="chat"/> (null chat = unjoined), pending unless sends complete at once.</summary>
    public FakeMessage InsertOutgoing(FakeChat? chat, string? text, string? handle, string service, bool sentNow,
        IReadOnlyList<EncodedRun>? runs = null, string? balloonBundleId = null, int partCount = 1)
    {
        var message = new NewMessage
        {
            Text = text, BodyOnly = config.BodyOnly && text is not null, Runs = runs, Chats = chat is null ? [] : [chat],
            IsFromMe = true, IsSent = sentNow, IsFinished = sentNow, Handle = handle, Service = service,
            BalloonBundleId = balloonBundleId, PartCount = text is null ? 0 : partCount,
        };
        return Insert(message);
    }

    /// <summary>Inserts, falling back to a text-column-only row while the typedstream encoder is unavailable.</summary>
    public FakeMessage Insert(NewMessage message)
    {
        if (message.Text is null || message.AttributedBody is not null)
            return db.InsertMessage(message);
        try
        {
            return db.InsertMessage(message with { AttributedBody = TypedStreamEncoder.Encode(message.Text, message.Runs) });
        }
        catch (NotImplementedException)
        {
            var row = db.InsertMessage(message with { AttributedBody = [], BodyOnly = false });
            db.Execute("UPDATE message SET attributedBody = NULL WHERE ROWID = $id", ("$id", row.RowId));
            return row;
        }
    }

    /// <summary>An outgoing attachment row: body U+FFFC whose run names the transfer, plus the attachment row.</summary>
    public (FakeMessage Message, FakeAttachment Attachment) InsertOutgoingFile(FakeChat chat, string path, bool sentNow, bool transferDone,
        string? service = null)
    {
        var name = Path.GetFileName(path);
        var guid = "at_0_" + Guid.NewGuid().ToString().ToUpperInvariant();
        var runs = new List<EncodedRun>
        {
            new(1, new Dictionary<string, object>
            {
                ["__kIMMessagePartAttributeName"] = 0L,
                ["__kIMFileTransferGUIDAttributeName"] = guid,
                ["__kIMFilenameAttributeName"] = name,
            }),
        };
        var message = InsertOutgoing(chat, "\uFFFC", chat.IsGroup ? null : chat.ChatIdentifier, service ?? chat.Service, sentNow, runs);
        var size = File.Exists(path) ? new FileInfo(path).Length : 0;
        var (mime, uti) = Types(name);
        var attachment = db.InsertAttachment(message, new NewAttachment
        {
            Guid = guid, TransferName = name, MimeType = mime, Uti = uti, TotalBytes = size,
            TransferState = transferDone ? 5 : 3, IsOutgoing = true,
        });
        return (message, attachment);
    }

    private static (string? Mime, string? Uti) Types(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => ("image/jpeg", "public.jpeg"),
        ".png" => ("image/png", "public.png"),
        ".heic" => ("image/heic", "public.heic"),
        ".gif" => ("image/gif", "com.compuserve.gif"),
        ".mov" => ("video/quicktime", "com.apple.quicktime-movie"),
        ".pdf" => ("application/pdf", "com.adobe.pdf"),
        ".vcf" => (name.EndsWith(".loc.vcf", StringComparison.OrdinalIgnoreCase) ? "text/x-vlocation" : "text/vcard",
            name.EndsWith(".loc.vcf", StringComparison.OrdinalIgnoreCase) ? "public.vlocation" : "public.vcard"),
        _ => (null, "public.data"),
    };
}
