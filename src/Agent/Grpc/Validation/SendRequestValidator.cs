using LineAgent.Agent.Attachments;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Validation;

/// <summary>
/// Checks send requests before they are mapped to the outbox's requests; throws <see cref="InvalidFieldException"/>
/// naming the first field at fault, or <see cref="NotFoundException"/> for an unknown attachment id.
/// </summary>
public sealed class SendRequestValidator(AttachmentStore attachments)
{
    /// <summary>Most parts in one SendMessage.</summary>
    public const int MaxParts = 10;

    /// <summary>Longest text part, in UTF-16 code units.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>Longest rich-link URL.</summary>
    public const int MaxUrlLength = 2_048;

    /// <summary>Group size limits of Messages (the central API's 2–31 recipients).</summary>
    public const int MinGroupRecipients = 2, MaxGroupRecipients = 31;

    public void Validate(SendMessageRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Target(request.TargetCase == SendMessageRequest.TargetOneofCase.ChatGuid, request.ChatGuid,
               request.TargetCase == SendMessageRequest.TargetOneofCase.To, request.To);
        if (request.Parts.Count == 0)
            throw new InvalidFieldException("parts", "at least one part is required");
        if (request.Parts.Count > MaxParts)
            throw new InvalidFieldException("parts", $"at most {MaxParts} parts per message");
        var media = 0;
        for (var i = 0; i < request.Parts.Count; i++)
        {
            var part = request.Parts[i];
            var field = $"parts[{i}]";
            switch (part.PartCase)
            {
                case OutgoingPart.PartOneofCase.Text:
                    Text(part.Text.Text, $"{field}.text.text");
                    break;
                case OutgoingPart.PartOneofCase.RichLink:
                    Url(part.RichLink.Url, $"{field}.rich_link.url");
                    break;
                case OutgoingPart.PartOneofCase.Media:
                    media++;
                    Attachment(part.Media.AttachmentId, $"{field}.media.attachment_id");
                    break;
                default:
                    throw new InvalidFieldException(field, "empty part: set text, rich_link or media");
            }
        }
        if (request.ParallelAttachments && media < 2)
            throw new InvalidFieldException("parallel_attachments", "needs at least two media parts");
        if (request.ParallelAttachments && !request.Parts.Zip(request.Parts.Skip(1)).Any(p =>
                p.First.PartCase == OutgoingPart.PartOneofCase.Media && p.Second.PartCase == OutgoingPart.PartOneofCase.Media))
            throw new InvalidFieldException("parallel_attachments", "needs at least two consecutive media parts (each run of them is one send)");
    }

    public void Validate(SendLocationRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Target(request.TargetCase == SendLocationRequest.TargetOneofCase.ChatGuid, request.ChatGuid,
               request.TargetCase == SendLocationRequest.TargetOneofCase.To, request.To);
        if (!double.IsFinite(request.Latitude) || request.Latitude is < -90 or > 90)
            throw new InvalidFieldException("latitude", "must be between -90 and 90 degrees");
        if (!double.IsFinite(request.Longitude) || request.Longitude is < -180 or > 180)
            throw new InvalidFieldException("longitude", "must be between -180 and 180 degrees");
        if (request.Latitude == 0 && request.Longitude == 0)
            throw new InvalidFieldException("latitude", "latitude and longitude are both 0 (unset?); send the pin's coordinates");
        if (request.Name.Length > 200 || request.Name.Any(char.IsControl) || AttachmentFileNames.ContainsFormatCharacter(request.Name))
            throw new InvalidFieldException("name", "at most 200 characters, no control or invisible formatting (bidi, zero-width) characters");
    }

    public static void Validate(ReactRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.Guid(request.MessageGuid, "message_guid", "message");
        if (request.Reaction is < ReactionType.Love or > ReactionType.Question)
            throw new InvalidFieldException("reaction", "one of LOVE, LIKE, DISLIKE, LAUGH, EMPHASIZE, QUESTION is required");
        if (request.PartIndex is < 0 or > 1000)
            throw new InvalidFieldException("part_index", "must be between 0 and 1000");
    }

    public static void Validate(SetTypingRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.ChatGuid(request.ChatGuid, "chat_guid");
    }

    public static void Validate(CreateChatRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        if (request.Recipients.Count is < MinGroupRecipients or > MaxGroupRecipients)
            throw new InvalidFieldException("recipients", $"a group needs {MinGroupRecipients}–{MaxGroupRecipients} recipients, got {request.Recipients.Count}");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < request.Recipients.Count; i++)
        {
            Fields.Handle(request.Recipients[i], $"recipients[{i}]");
            if (!seen.Add(request.Recipients[i]))
                throw new InvalidFieldException($"recipients[{i}]", $"\"{request.Recipients[i]}\" is listed twice");
        }
        Text(request.Text, "text");
    }

    public static void Validate(AddParticipantRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.ChatGuid(request.ChatGuid, "chat_guid", mustBeGroup: true);
        Fields.Handle(request.Handle, "handle");
    }

    public static void Validate(RemoveParticipantRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.ChatGuid(request.ChatGuid, "chat_guid", mustBeGroup: true);
        Fields.Handle(request.Handle, "handle");
    }

    /// <summary>Longest group name accepted.</summary>
    public const int MaxGroupNameLength = 128;

    public static void Validate(ReplyRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.Guid(request.MessageGuid, "message_guid", "message");
        PartIndex(request.PartIndex);
        Text(request.Text, "text");
    }

    public static void Validate(EditMessageRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.Guid(request.MessageGuid, "message_guid", "message");
        PartIndex(request.PartIndex);
        Text(request.Text, "text");
    }

    public static void Validate(UnsendMessageRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.Guid(request.MessageGuid, "message_guid", "message");
        PartIndex(request.PartIndex);
    }

    public static void Validate(MarkChatReadRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.ChatGuid(request.ChatGuid, "chat_guid");
    }

    public static void Validate(RenameChatRequest request)
    {
        Fields.IdempotencyKey(request.IdempotencyKey);
        Fields.ChatGuid(request.ChatGuid, "chat_guid", mustBeGroup: true);
        if (request.Name.Length > MaxGroupNameLength)
            throw new InvalidFieldException("name", $"longer than {MaxGroupNameLength} characters ({request.Name.Length})");
        if (request.Name.Any(char.IsControl) || AttachmentFileNames.ContainsFormatCharacter(request.Name))
            throw new InvalidFieldException("name", "no control or invisible formatting (bidi, zero-width) characters");
        if (request.Name.Length > 0 && string.IsNullOrWhiteSpace(request.Name))
            throw new InvalidFieldException("name", "only whitespace; send an empty name to clear it");
    }

    public static void Validate(GetSendRequest request)
    {
        switch (request.KeyCase)
        {
            case GetSendRequest.KeyOneofCase.SendId when !string.IsNullOrEmpty(request.SendId):
                if (request.SendId.Length > 128)
                    throw new InvalidFieldException("send_id", "longer than 128 characters");
                break;
            case GetSendRequest.KeyOneofCase.IdempotencyKey:
                Fields.IdempotencyKey(request.IdempotencyKey);
                break;
            default:
                throw new InvalidFieldException("key", "set send_id or idempotency_key");
        }
    }

    private static void PartIndex(int partIndex)
    {
        if (partIndex is < 0 or > 1000)
            throw new InvalidFieldException("part_index", "must be between 0 and 1000");
    }

    private static void Target(bool hasChat, string chatGuid, bool hasTo, string to)
    {
        if (hasChat)
            Fields.ChatGuid(chatGuid, "chat_guid");
        else if (hasTo)
            Fields.Handle(to, "to");
        else
            throw new InvalidFieldException("target", "set chat_guid (an existing chat) or to (one recipient)");
    }

    private static void Text(string text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new InvalidFieldException(field, "required and not only whitespace");
        if (text.Length > MaxTextLength)
            throw new InvalidFieldException(field, $"longer than {MaxTextLength} characters ({text.Length})");
    }

    private static void Url(string url, string field)
    {
        if (string.IsNullOrEmpty(url))
            throw new InvalidFieldException(field, "required (an absolute http or https URL)");
        if (url.Length > MaxUrlLength)
            throw new InvalidFieldException(field, $"longer than {MaxUrlLength} characters");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            throw new InvalidFieldException(field, $"\"{Fields.Shorten(url)}\" is not an absolute http(s) URL");
    }

    private void Attachment(string id, string field)
    {
        if (string.IsNullOrEmpty(id))
            throw new InvalidFieldException(field, "required (an id returned by UploadAttachment)");
        if (!AttachmentStore.IsWellFormedId(id))
            throw new InvalidFieldException(field, $"\"{Fields.Shorten(id)}\" is not an attachment id returned by UploadAttachment");
        if (attachments.Find(id) is null)
            throw new NotFoundException($"{field}: attachment", id);
    }
}
