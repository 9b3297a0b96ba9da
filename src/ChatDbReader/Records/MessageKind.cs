namespace LineAgent.ChatDbReader.Records;

/// <summary>What a message row is.</summary>
public enum MessageKind
{
    /// <summary>A normal message (item_type 0, not a tapback): text, attachments, app balloons, replies.</summary>
    Message,
    /// <summary>A tapback/sticker row (associated_message_type 1000, 2000–2007, 3000–3007): see <see cref="MessageRecord.Reaction"/>.</summary>
    Reaction,
    /// <summary>A group change (item_type 1–3): see <see cref="MessageRecord.GroupEvent"/>.</summary>
    GroupEvent,
    /// <summary>Anything else (location sharing, "audio message kept", SharePlay, poll votes, chat backgrounds …).</summary>
    Other,
}
