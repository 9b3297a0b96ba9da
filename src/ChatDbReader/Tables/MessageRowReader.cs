using System.Globalization;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Time;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>Turns one row of <see cref="MessageQuery"/> into a <see cref="MessageRecord"/>, with its chats and
/// attachments (read per batch); what the row means comes from <see cref="MessageFacts"/>.</summary>
internal static class MessageRowReader
{
    public static MessageRecord Read<TRow>(TRow r, bool decodeAllBodies) where TRow : IRowColumns =>
        Read(r, decodeAllBodies, [], []);

    public static MessageRecord Read<TRow>(TRow r, bool decodeAllBodies, IReadOnlyList<string> chatGuids,
        IReadOnlyList<AttachmentRecord> attachments) where TRow : IRowColumns
    {
        var text = r.Text(MessageQuery.Text);
        var facts = MessageFacts.Of(r, decodeAllBodies, string.IsNullOrEmpty(text), text);
        var isFromMe = r.Bool(MessageQuery.IsFromMe);
        var summary = facts.Summary;
        return new MessageRecord
        {
            RowId = r.Int(MessageQuery.RowId),
            Guid = r.Text(MessageQuery.Guid) ?? "",
            ChatGuids = chatGuids,
            Attachments = attachments,
            Service = r.Text(MessageQuery.Service),
            IsFromMe = isFromMe,
            Sender = isFromMe ? null : r.Text(MessageQuery.SenderId),
            HandleRowId = r.Int(MessageQuery.HandleId),
            Date = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.Date)),
            DateDelivered = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateDelivered)),
            DateRead = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateRead)),
            DateEdited = facts.DateEdited,
            DateRetracted = facts.DateRetracted,
            Text = string.IsNullOrEmpty(text) ? facts.Body?.Text ?? text : text,
            Body = facts.Body,
            BodyError = facts.BodyError,
            Kind = facts.Kind,
            Reaction = facts.Reaction,
            GroupEvent = facts.GroupEvent,
            IsSent = r.Bool(MessageQuery.IsSent),
            IsDelivered = r.Bool(MessageQuery.IsDelivered),
            IsRead = r.Bool(MessageQuery.IsRead),
            IsFinished = r.Bool(MessageQuery.IsFinished),
            Error = (int)r.Int(MessageQuery.Error),
            IsEdited = facts.IsEdited,
            IsUnsent = facts.IsUnsent,
            // Most rows have none of these (no summary): no sorting, no allocation.
            EditedParts = summary.EditedParts.Count > 0 ? summary.EditedParts
                : summary.EditHistory.Count > 0 ? summary.EditHistory.Keys.Order().ToList() : [],
            EditCounts = summary.EditHistory.Count > 0
                ? summary.EditHistory.ToDictionary(e => e.Key, e => Math.Max(0, e.Value.Count - 1))
                : System.Collections.ObjectModel.ReadOnlyDictionary<int, int>.Empty,
            UnsentParts = facts.UnsentParts,
            DateUnsent = facts.DateUnsent,
            PartCount = facts.PartCount,
            ThreadOriginatorGuid = NullIfEmpty(r.Text(MessageQuery.ThreadOriginatorGuid)),
            ThreadOriginatorPart = LeadingInt(r.Text(MessageQuery.ThreadOriginatorPart)),
            BalloonBundleId = NullIfEmpty(r.Text(MessageQuery.BalloonBundleId)),
            ItemType = r.Int(MessageQuery.ItemType),
            GroupActionType = r.Int(MessageQuery.GroupActionType),
            AssociatedMessageType = r.Int(MessageQuery.AssociatedType),
            AssociatedMessageGuid = r.Text(MessageQuery.AssociatedGuid),
            DestinationCallerId = NullIfEmpty(r.Text(MessageQuery.DestinationCallerId)),
            ExpressiveSendStyleId = NullIfEmpty(r.Text(MessageQuery.ExpressiveSendStyleId)),
        };
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
