namespace LineAgent.ChatDbReader.Bodies;

/// <summary>
/// The text of a message and its parts.
/// </summary>
/// <param name="Text">The full text. Attachments appear as U+FFFC (OBJECT REPLACEMENT CHARACTER) placeholders, app
/// messages as U+FFFD; they are kept so part offsets stay valid.</param>
/// <param name="Parts">The attribute runs of the body in text order, with the message-part index and decoded
/// attachment/mention/link attributes. Offsets are UTF-16 code units into <see cref="Text"/>.</param>
public sealed record MessageBody(string Text, IReadOnlyList<BodyPart> Parts);
