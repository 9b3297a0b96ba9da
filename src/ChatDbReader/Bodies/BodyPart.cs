namespace LineAgent.ChatDbReader.Bodies;

/// <summary>
/// One run of a message body.
/// </summary>
/// <param name="Index">The message-part index (<c>__kIMMessagePartAttributeName</c>): the number tapbacks
/// (<c>p:N/GUID</c>) and edit/unsend records (<c>message_summary_info</c>) refer to. 0 when absent.</param>
/// <param name="Start">UTF-16 offset of the run in <see cref="MessageBody.Text"/>.</param>
/// <param name="Length">UTF-16 length of the run.</param>
/// <param name="Text">The run's text (<c>Text.Substring(Start, Length)</c>).</param>
/// <param name="AttachmentGuid"><c>__kIMFileTransferGUIDAttributeName</c>: the <c>attachment.guid</c> of the file
/// shown by this run's U+FFFC placeholder, or null.</param>
/// <param name="MentionHandle"><c>__kIMMentionConfirmedMention</c>: the mentioned handle (phone/e-mail); the run
/// text is the display name. Null when not a mention.</param>
/// <param name="Link"><c>__kIMLinkAttributeName</c>: the NSURL string, or null.</param>
public sealed record BodyPart(int Index, int Start, int Length, string Text, string? AttachmentGuid,
    string? MentionHandle, string? Link);
