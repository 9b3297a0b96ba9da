using System.Globalization;
using LineAgent.ChatDbReader.Bodies;
using LineAgent.ChatDbReader.Plist;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Time;
using LineAgent.ChatDbReader.TypedStream;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>Turns one row of <see cref="MessageQuery"/> into a <see cref="MessageRecord"/>, with its chats and
/// attachments (read per batch). Never throws on malformed blobs: bodies fall back to the text column, summaries to
/// "no edit information".</summary>
internal static class MessageRowReader
{
    public static MessageRecord Read<TRow>(TRow r, bool decodeAllBodies) where TRow : IRowColumns =>
        Read(r, decodeAllBodies, [], []);

    public static MessageRecord Read<TRow>(TRow r, bool decodeAllBodies, IReadOnlyList<string> chatGuids,
        IReadOnlyList<AttachmentRecord> attachments) where TRow : IRowColumns
    {
        var text = r.Text(MessageQuery.Text);
        MessageBody? body = null;
        TypedStreamError? bodyError = null;
        // The text column, when present, is the same text as the body; decoding the typedstream (and even reading
        // its blob) is only required when it is NULL (macOS 13+ rows), unless the caller wants body parts for every row.
        if (decodeAllBodies || string.IsNullOrEmpty(text))
            body = SafeDecode(r.Blob(MessageQuery.AttributedBody), text, out bodyError);

        var isFromMe = r.Bool(MessageQuery.IsFromMe);
        var itemType = r.Int(MessageQuery.ItemType);
        var groupActionType = r.Int(MessageQuery.GroupActionType);
        var associatedType = r.Int(MessageQuery.AssociatedType);
        var associatedGuid = r.Text(MessageQuery.AssociatedGuid);
        var senderId = r.Text(MessageQuery.SenderId);

        var reaction = itemType == 0 ? Reaction.FromRow(associatedType, associatedGuid, r.Text(MessageQuery.AssociatedEmoji)) : null;
        var groupEvent = reaction is null
            ? GroupEvent.FromRow(itemType, groupActionType, isFromMe ? null : senderId, r.Text(MessageQuery.OtherHandleId), r.Text(MessageQuery.GroupTitle))
            : null;
        var kind = reaction is not null ? MessageKind.Reaction
            : groupEvent is not null ? MessageKind.GroupEvent
            : itemType == 0 && associatedType is 0 or 2 or 3 ? MessageKind.Message
            : MessageKind.Other;

        var dateEdited = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateEdited));
        var dateRetracted = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateRetracted));
        var partCount = r.NullableInt(MessageQuery.PartCount) is { } pc ? (int)pc : (int?)null;
        var summaryBlob = r.Blob(MessageQuery.SummaryInfo);
        var summary = summaryBlob is { Length: > 0 } ? MessageSummaryInfo.Parse(summaryBlob) : MessageSummaryInfo.Empty;
        var isEmpty = r.Bool(MessageQuery.IsEmpty);
        var unsent = IsFullyUnsent(summary, partCount, dateEdited, dateRetracted, isEmpty, text, body);
        var edited = summary.HasEdits || (dateEdited is not null && !unsent && !summary.HasUnsentParts);

        return new MessageRecord
        {
            RowId = r.Int(MessageQuery.RowId),
            Guid = r.Text(MessageQuery.Guid) ?? "",
            ChatGuids = chatGuids,
            Attachments = attachments,
            Service = r.Text(MessageQuery.Service),
            IsFromMe = isFromMe,
            Sender = isFromMe ? null : senderId,
            HandleRowId = r.Int(MessageQuery.HandleId),
            Date = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.Date)),
            DateDelivered = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateDelivered)),
            DateRead = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateRead)),
            DateEdited = dateEdited,
            DateRetracted = dateRetracted,
            Text = string.IsNullOrEmpty(text) ? body?.Text ?? text : text,
            Body = body,
            BodyError = bodyError,
            Kind = kind,
            Reaction = reaction,
            GroupEvent = groupEvent,
            IsSent = r.Bool(MessageQuery.IsSent),
            IsDelivered = r.Bool(MessageQuery.IsDelivered),
            IsRead = r.Bool(MessageQuery.IsRead),
            IsFinished = r.Bool(MessageQuery.IsFinished),
            Error = (int)r.Int(MessageQuery.Error),
            IsEdited = edited,
            IsUnsent = unsent,
            // Most rows have none of these (no summary): no sorting, no allocation.
            EditedParts = summary.EditedParts.Count > 0 ? summary.EditedParts
                : summary.EditHistory.Count > 0 ? summary.EditHistory.Keys.Order().ToList() : [],
            EditCounts = summary.EditHistory.Count > 0
                ? summary.EditHistory.ToDictionary(e => e.Key, e => Math.Max(0, e.Value.Count - 1))
                : System.Collections.ObjectModel.ReadOnlyDictionary<int, int>.Empty,
            UnsentParts = summary.UnsentParts.Count > 0 ? summary.UnsentParts.Order().ToArray() : [],
            DateUnsent = unsent || summary.HasUnsentParts ? dateRetracted ?? dateEdited : null,
            PartCount = partCount,
            ThreadOriginatorGuid = NullIfEmpty(r.Text(MessageQuery.ThreadOriginatorGuid)),
            ThreadOriginatorPart = LeadingInt(r.Text(MessageQuery.ThreadOriginatorPart)),
            BalloonBundleId = NullIfEmpty(r.Text(MessageQuery.BalloonBundleId)),
            ItemType = itemType,
            GroupActionType = groupActionType,
            AssociatedMessageType = associatedType,
            AssociatedMessageGuid = associatedGuid,
            DestinationCallerId = NullIfEmpty(r.Text(MessageQuery.DestinationCallerId)),
            ExpressiveSendStyleId = NullIfEmpty(r.Text(MessageQuery.ExpressiveSendStyleId)),
        };
    }

    /// <summary>
    /// Fully unsent = nothing of the message is left. With a summary: rp non-empty and part_count 0 (BlueBubbles
    /// isFullyUnsent). Without one: date_retracted set (before macOS 26) or is_empty = 1 with date_edited (macOS 26
    /// stopped setting date_retracted), and no part left.
    /// </summary>
    private static bool IsFullyUnsent(MessageSummaryInfo summary, int? partCount, DateTimeOffset? dateEdited,
        DateTimeOffset? dateRetracted, bool isEmpty, string? text, MessageBody? body)
    {
        var nothingLeft = partCount is 0 || (partCount is null && string.IsNullOrEmpty(text) && body is null);
        if (summary.HasUnsentParts)
            return nothingLeft;
        return nothingLeft && (dateRetracted is not null || (isEmpty && dateEdited is not null));
    }

    private static MessageBody? SafeDecode(byte[]? blob, string? text, out TypedStreamError? error)
    {
        try
        {
            return MessageBodyDecoder.Decode(blob, text, out error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The decoder promises TypedStreamFormatException only; a malformed row must still never stop a read.
            error = null;
            return text is null ? null : new MessageBody(text, []);
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>thread_originator_part looks like "part:start:len"; the part is the first number.</summary>
    private static int? LeadingInt(string? s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        var end = s.IndexOf(':');
        var span = end < 0 ? s.AsSpan() : s.AsSpan(0, end);
        return int.TryParse(span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    public static AttachmentRecord ReadAttachment<TRow>(TRow r) where TRow : IRowColumns => new(
        r.Int(AttachmentQuery.RowId),
        r.Text(AttachmentQuery.Guid) ?? "",
        r.Text(AttachmentQuery.TransferName),
        r.Text(AttachmentQuery.MimeType),
        r.Text(AttachmentQuery.Uti),
        r.Int(AttachmentQuery.TotalBytes),
        ExpandHome(r.Text(AttachmentQuery.Filename)),
        (int)r.Int(AttachmentQuery.TransferState),
        r.Bool(AttachmentQuery.IsOutgoing),
        r.Bool(AttachmentQuery.IsSticker));

    /// <summary>Messages stores attachment paths with a literal "~/" (imessage-exporter expands it with $HOME).</summary>
    internal static string? ExpandHome(string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (path == "~") return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
    }
}
