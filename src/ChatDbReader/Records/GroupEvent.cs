namespace LineAgent.ChatDbReader.Records;

/// <summary>A group change row.</summary>
/// <param name="Type">What changed.</param>
/// <param name="Handle">The member concerned: other_handle for added/removed, the sender for left; null otherwise
/// (or when the owner left).</param>
/// <param name="Title">The new name for <see cref="GroupEventType.Renamed"/>, else null.</param>
public sealed record GroupEvent(GroupEventType Type, string? Handle, string? Title)
{
    /// <summary>The event described by item_type/group_action_type, or null when the row is not a group change.</summary>
    public static GroupEvent? FromRow(long itemType, long groupActionType, string? senderHandle, string? otherHandle, string? groupTitle) =>
        (itemType, groupActionType) switch
        {
            (1, 0) => new GroupEvent(GroupEventType.ParticipantAdded, otherHandle, null),
            (1, 1) => new GroupEvent(GroupEventType.ParticipantRemoved, otherHandle, null),
            (2, _) => new GroupEvent(GroupEventType.Renamed, null, groupTitle),
            (3, 0) => new GroupEvent(GroupEventType.ParticipantLeft, senderHandle, null),
            (3, 1) => new GroupEvent(GroupEventType.PhotoChanged, null, null),
            (3, 2) => new GroupEvent(GroupEventType.PhotoRemoved, null, null),
            _ => null,
        };
}
