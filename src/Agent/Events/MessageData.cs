using System.Text.Json.Serialization;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Events;

/// <summary>
/// The one wire shape of a message: each `lineagent export` line, the "message" of every message event, and (mapped
/// field for field) the gRPC <c>Message</c>. Every key is always written, null where unset, in declaration order;
/// dates are ISO-8601 UTC with millisecond precision ending in Z (<see cref="EventDateConverter"/>); enums are
/// snake_case strings. The one exception is <see cref="TextTruncated"/>, written only when true (events only, see
/// <see cref="EventLimits"/>), so export lines never carry it.
/// </summary>
public sealed record MessageData(
    long Rowid,
    string Guid,
    IReadOnlyList<string> ChatGuids,
    string? Service,
    bool IsFromMe,
    string? Sender,
    DateTimeOffset? Date,
    DateTimeOffset? DateDelivered,
    DateTimeOffset? DateRead,
    DateTimeOffset? DateEdited,
    string? Text,
    MessageKind Kind,
    ReactionData? Reaction,
    GroupEventData? GroupEvent,
    IReadOnlyList<AttachmentData> Attachments,
    bool IsSent,
    bool IsDelivered,
    bool IsRead,
    int Error,
    bool Edited,
    bool Unsent,
    string? ThreadOriginatorGuid,
    string? BalloonBundleId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool TextTruncated = false)
{
    /// <summary>The wire shape of a chat.db message row.</summary>
    public static MessageData From(MessageRecord m) => new(
        m.RowId, m.Guid, m.ChatGuids, m.Service, m.IsFromMe, m.Sender, m.Date, m.DateDelivered, m.DateRead, m.DateEdited,
        m.Text, m.Kind, m.Reaction is { } r ? ReactionData.From(r) : null, m.GroupEvent is { } g ? GroupEventData.From(g) : null,
        m.Attachments.Count == 0 ? [] : m.Attachments.Select(AttachmentData.From).ToArray(),
        m.IsSent, m.IsDelivered, m.IsRead, m.Error, m.IsEdited, m.IsUnsent, m.ThreadOriginatorGuid, m.BalloonBundleId);
}

/// <summary>A tapback (see <see cref="Reaction"/>).</summary>
public sealed record ReactionData(ReactionType Type, string? Emoji, bool Removed, string? TargetGuid, int? TargetPart)
{
    public static ReactionData From(Reaction r) => new(r.Type, r.Emoji, r.Removed, r.TargetGuid, r.TargetPart);
}

/// <summary>A group change (see <see cref="GroupEvent"/>).</summary>
public sealed record GroupEventData(GroupEventType Type, string? Handle, string? Title)
{
    public static GroupEventData From(GroupEvent g) => new(g.Type, g.Handle, g.Title);
}

/// <summary>An attachment as a message carries it.</summary>
public sealed record AttachmentData(string Guid, string? TransferName, string? MimeType, string? Uti, long TotalBytes, string? Path)
{
    public static AttachmentData From(AttachmentRecord a) => new(a.Guid, a.TransferName, a.MimeType, a.Uti, a.TotalBytes, a.Path);
}

/// <summary>One decoded body part (see <see cref="LineAgent.ChatDbReader.Bodies.BodyPart"/>).</summary>
public sealed record PartData(int Index, int Start, int Length, string Text, string? AttachmentGuid, string? Mention, string? Link);

/// <summary>A chat as chat events carry it.</summary>
public sealed record ChatData(string Guid, bool IsGroup, string? ChatIdentifier, string? ServiceName, string? DisplayName,
    string? GroupId, IReadOnlyList<string> Participants)
{
    public static ChatData From(ChatRecord c) => new(c.Guid, c.IsGroup, c.ChatIdentifier, c.ServiceName, c.DisplayName, c.GroupId, c.Participants);
}
