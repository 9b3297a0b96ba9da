namespace LineAgent.ChatDbReader.Records;

/// <summary>
/// A chat row. <see cref="Guid"/> is opaque: "iMessage;-;+1…", "SMS;-;…", "iMessage;+;chat…" and on macOS 26 (and
/// some 15.x machines) "any;-;…"/"any;+;…". Always take it from here; never build or parse it.
/// </summary>
/// <param name="RowId">chat.ROWID.</param>
/// <param name="Guid">chat.guid.</param>
/// <param name="IsGroup">chat.style 43 ('+') = group; 45 ('-') = 1:1.</param>
/// <param name="ChatIdentifier">The address (1:1) or "chat…" room id (group).</param>
/// <param name="ServiceName">chat.service_name (iMessage, SMS, RCS …).</param>
/// <param name="DisplayName">User-visible group name; null when unset or empty.</param>
/// <param name="GroupId">UUID of a group, stable across renames.</param>
/// <param name="LastReadMessageTimestamp">chat.last_read_message_timestamp; moves when the chat is marked read.</param>
/// <param name="Participants">handle.id of each member (chat_handle_join), in handle ROWID order.</param>
public sealed record ChatRecord(long RowId, string Guid, bool IsGroup, string? ChatIdentifier, string? ServiceName,
    string? DisplayName, string? GroupId, DateTimeOffset? LastReadMessageTimestamp, IReadOnlyList<string> Participants);
