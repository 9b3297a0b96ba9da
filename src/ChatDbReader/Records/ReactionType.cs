namespace LineAgent.ChatDbReader.Records;

/// <summary>Tapback type: associated_message_type − 2000 (added) or − 3000 (removed).</summary>
public enum ReactionType
{
    Love = 0,
    Like = 1,
    Dislike = 2,
    Laugh = 3,
    Emphasize = 4,
    Question = 5,
    /// <summary>Emoji tapback (macOS 15+); the emoji is in <see cref="Reaction.Emoji"/> (message.associated_message_emoji).</summary>
    Emoji = 6,
    /// <summary>Sticker tapback (2007/3007) or a sticker placed on a message (1000).</summary>
    Sticker = 7,
}
