namespace LineAgent.ChatDbReader.Bodies;

/// <summary>
/// One stretch of a message body: consecutive attribute runs with the same part index, attachment, mention and link
/// (runs that differ only in formatting such as bold are merged).
/// </summary>
/// <param name="Index">The message-part index (<c>__kIMMessagePartAttributeName</c>): the number tapbacks
/// (<c>p:N/GUID</c>) and edit/unsend records (<c>message_summary_info</c>) refer to. A run without it continues the
/// previous run's index (0 at the start).</param>
/// <param name="Start">Offset in <see cref="MessageBody.Text"/> in UTF-16 code units (NSString's unit and .NET's
/// string index; an emoji outside the BMP counts 2, not bytes and not code points).</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Text">The stretch's text (<c>MessageBody.Text.Substring(Start, Length)</c>).</param>
/// <param name="AttachmentGuid"><c>__kIMFileTransferGUIDAttributeName</c>: the <c>attachment.guid</c> of the file
/// shown by this run's U+FFFC placeholder, or null.</param>
/// <param name="MentionHandle"><c>__kIMMentionConfirmedMention</c>: the mentioned handle (phone/e-mail); the run
/// text is the display name. Null when not a mention.</param>
/// <param name="Link"><c>__kIMLinkAttributeName</c>: the NSURL string, or null.</param>
public sealed record BodyPart(int Index, int Start, int Length, string Text, string? AttachmentGuid,
    string? MentionHandle, string? Link);
