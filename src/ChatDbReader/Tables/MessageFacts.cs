using System.Runtime.CompilerServices;
using LineAgent.ChatDbReader.Bodies;
using LineAgent.ChatDbReader.Plist;
using LineAgent.ChatDbReader.Records;
using LineAgent.ChatDbReader.Time;
using LineAgent.ChatDbReader.TypedStream;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// What one row of <see cref="MessageQuery"/> means beyond its plain columns: the decoded body, the kind (tapback,
/// group event), edits and unsends. Worked out once per row, the same for a <see cref="MessageRecord"/>
/// (<see cref="MessageRowReader"/>) and for a row read without one (<see cref="MessageRowView"/>), so the two can
/// never disagree. Never throws on malformed blobs: bodies fall back to the text column, summaries to "no edit
/// information".
/// </summary>
internal readonly struct MessageFacts
{
    /// <summary>The decoded body with its parts (null when none was decoded, or only its text: see <c>withParts</c>).</summary>
    public MessageBody? Body { get; private init; }
    /// <summary>The decoded body's text (null when none was decoded): <see cref="Body"/>'s, or decoded without parts.</summary>
    public string? BodyText { get; private init; }
    public TypedStreamError? BodyError { get; private init; }
    public MessageKind Kind { get; private init; }
    public Reaction? Reaction { get; private init; }
    public GroupEvent? GroupEvent { get; private init; }
    public DateTimeOffset? DateEdited { get; private init; }
    public DateTimeOffset? DateRetracted { get; private init; }
    public int? PartCount { get; private init; }
    public MessageSummaryInfo Summary { get; private init; }
    public bool IsEdited { get; private init; }
    public bool IsUnsent { get; private init; }

    /// <summary>The parts unsent, ascending (none for most rows: no sorting, no allocation).</summary>
    public IReadOnlyList<int> UnsentParts => Summary.UnsentParts.Count > 0 ? Summary.UnsentParts.Order().ToArray() : [];

    /// <summary>When the message (or a part of it) was unsent.</summary>
    public DateTimeOffset? DateUnsent => IsUnsent || Summary.HasUnsentParts ? DateRetracted ?? DateEdited : null;

    /// <param name="r">The row.</param>
    /// <param name="decodeAllBodies">Decode attributedBody even where the text column has the text.</param>
    /// <param name="textIsNullOrEmpty">The text column is NULL or empty.</param>
    /// <param name="textForDecoder">The text column as a string when a body is decoded (the decoder's fallback):
    /// needed only when <paramref name="decodeAllBodies"/> or <paramref name="textIsNullOrEmpty"/>.</param>
    /// <param name="withParts">Build the body's parts (<see cref="Body"/>); else only its text (<see cref="BodyText"/>),
    /// for a reader that shows no parts: a third of the decoding's cost.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per row of a bulk read: optimized from the first row, not once tiering gets to it (a short export is over by then)
    public static MessageFacts Of<TRow>(TRow r, bool decodeAllBodies, bool textIsNullOrEmpty, string? textForDecoder, bool withParts = true)
        where TRow : IRowColumns
    {
        MessageBody? body = null;
        string? bodyText = null;
        TypedStreamError? bodyError = null;
        // The text column, when present, is the same text as the body; decoding the typedstream (and even reading
        // its blob) is only required when it is NULL (macOS 13+ rows), unless the caller wants body parts for every row.
        if (decodeAllBodies || textIsNullOrEmpty)
        {
            if (withParts)
                bodyText = (body = SafeDecode(r.Blob(MessageQuery.AttributedBody), textForDecoder, out bodyError))?.Text;
            else
                bodyText = SafeDecodeText(r.Blob(MessageQuery.AttributedBody), textForDecoder, out bodyError);
        }

        var isFromMe = r.Bool(MessageQuery.IsFromMe);
        var itemType = r.Int(MessageQuery.ItemType);
        var associatedType = r.Int(MessageQuery.AssociatedType);
        var reaction = itemType == 0
            ? Reaction.FromRow(associatedType, r.Text(MessageQuery.AssociatedGuid), r.Text(MessageQuery.AssociatedEmoji))
            : null;
        // Group events are rows with item_type ≠ 0 (GroupEvent.FromRow is null for 0): their handles are read only then.
        var groupEvent = itemType != 0
            ? GroupEvent.FromRow(itemType, r.Int(MessageQuery.GroupActionType), isFromMe ? null : r.Text(MessageQuery.SenderId),
                r.Text(MessageQuery.OtherHandleId), r.Text(MessageQuery.GroupTitle))
            : null;
        var kind = reaction is not null ? MessageKind.Reaction
            : groupEvent is not null ? MessageKind.GroupEvent
            : itemType == 0 && associatedType is 0 or 2 or 3 ? MessageKind.Message
            : MessageKind.Other;

        var dateEdited = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateEdited));
        var dateRetracted = AppleTime.ToDateTimeOffset(r.NullableInt(MessageQuery.DateRetracted));
        var partCount = r.NullableInt(MessageQuery.PartCount) is { } pc ? (int)pc : (int?)null;
        var summaryBlob = r.Blob(MessageQuery.SummaryInfo);
        var summary = summaryBlob.IsEmpty ? MessageSummaryInfo.Empty : MessageSummaryInfo.Parse(summaryBlob.ToArray());
        var isEmpty = r.Bool(MessageQuery.IsEmpty);
        var unsent = IsFullyUnsent(summary, partCount, dateEdited, dateRetracted, isEmpty, textIsNullOrEmpty, hasBody: bodyText is not null);
        return new MessageFacts
        {
            Body = body,
            BodyText = bodyText,
            BodyError = bodyError,
            Kind = kind,
            Reaction = reaction,
            GroupEvent = groupEvent,
            DateEdited = dateEdited,
            DateRetracted = dateRetracted,
            PartCount = partCount,
            Summary = summary,
            IsUnsent = unsent,
            IsEdited = summary.HasEdits || (dateEdited is not null && !unsent && !summary.HasUnsentParts),
        };
    }

    /// <summary>
    /// Fully unsent = nothing of the message is left. With a summary: rp non-empty and part_count 0 (BlueBubbles
    /// isFullyUnsent). Without one: date_retracted set (before macOS 26) or is_empty = 1 with date_edited (macOS 26
    /// stopped setting date_retracted), and no part left.
    /// </summary>
    private static bool IsFullyUnsent(MessageSummaryInfo summary, int? partCount, DateTimeOffset? dateEdited,
        DateTimeOffset? dateRetracted, bool isEmpty, bool textIsNullOrEmpty, bool hasBody)
    {
        var nothingLeft = partCount is 0 || (partCount is null && textIsNullOrEmpty && !hasBody);
        if (summary.HasUnsentParts)
            return nothingLeft;
        return nothingLeft && (dateRetracted is not null || (isEmpty && dateEdited is not null));
    }

    private static MessageBody? SafeDecode(ReadOnlySpan<byte> blob, string? text, out TypedStreamError? error)
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

    /// <summary><see cref="SafeDecode"/>'s text, without the parts.</summary>
    private static string? SafeDecodeText(ReadOnlySpan<byte> blob, string? text, out TypedStreamError? error)
    {
        try
        {
            return MessageBodyDecoder.DecodeText(blob, text, out error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            error = null;    // as SafeDecode: the text column, when there is one
            return text;
        }
    }
}
