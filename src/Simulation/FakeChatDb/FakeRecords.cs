namespace LineAgent.FakeChatDb;

/// <summary>A chat row written by <see cref="FakeChatDatabase"/>. <paramref name="Guid"/> is what Messages stores in chat.guid.</summary>
public sealed record FakeChat(long RowId, string Guid, string ChatIdentifier, bool IsGroup, string Service);

/// <summary>A message row written by <see cref="FakeChatDatabase"/>.</summary>
public sealed record FakeMessage(long RowId, string Guid);

/// <summary>An attachment row written by <see cref="FakeChatDatabase"/>.</summary>
public sealed record FakeAttachment(long RowId, string Guid, string? Filename);

/// <summary>The six classic tapbacks plus the Sequoia emoji and sticker tapbacks, in associated_message_type order
/// (2000 + value adds, 3000 + value removes).</summary>
public enum TapbackKind
{
    Love = 0,
    Like = 1,
    Dislike = 2,
    Laugh = 3,
    Emphasize = 4,
    Question = 5,
    /// <summary>Emoji tapback (macOS 15+): the emoji is in message.associated_message_emoji.</summary>
    Emoji = 6,
    Sticker = 7,
}
