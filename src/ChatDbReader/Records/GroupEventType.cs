namespace LineAgent.ChatDbReader.Records;

/// <summary>Group changes by (item_type, group_action_type) — imessage-exporter group_action.rs, mautrix ItemType.</summary>
public enum GroupEventType
{
    /// <summary>item_type 1, action 0: other_handle was added.</summary>
    ParticipantAdded,
    /// <summary>item_type 1, action 1: other_handle was removed.</summary>
    ParticipantRemoved,
    /// <summary>item_type 3, action 0: the sender (handle_id) left.</summary>
    ParticipantLeft,
    /// <summary>item_type 2: renamed to group_title.</summary>
    Renamed,
    /// <summary>item_type 3, action 1: new group photo (joined as an attachment).</summary>
    PhotoChanged,
    /// <summary>item_type 3, action 2: group photo removed.</summary>
    PhotoRemoved,
}
