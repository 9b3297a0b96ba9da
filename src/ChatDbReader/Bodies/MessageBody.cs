namespace LineAgent.ChatDbReader.Bodies;

/// <summary>
/// The text of a message and its parts.
/// </summary>
/// <param name="Text">The full text. Attachments and app balloons appear as U+FFFC (OBJECT REPLACEMENT CHARACTER)
/// placeholders (imessage-exporter also treats U+FFFD as an app placeholder); they are kept so part offsets stay
/// valid.</param>
/// <param name="Parts">The body in text order, split where the message-part index, attachment, mention or link
/// changes; together they cover <see cref="Text"/>. Offsets are UTF-16 code units into <see cref="Text"/>.</param>
public sealed record MessageBody(string Text, IReadOnlyList<BodyPart> Parts);
