namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// The six classic tapbacks, in Tapback-picker order (chat.db associated_message_type 2000-2005 to add,
/// 3000-3005 to remove).
/// </summary>
public enum TapbackKind
{
    Love = 1,
    Like = 2,
    Dislike = 3,
    Laugh = 4,
    Emphasize = 5,
    Question = 6,
}
