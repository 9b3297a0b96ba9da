using LineAgent.Agent.ChatDb;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Correlation;

/// <summary>
/// <see cref="IChatDbView"/> over <see cref="ChatDbSource"/>'s pooled read-only connections, opened on first use (so
/// a missing Full Disk Access grant shows up as a clear <c>ChatDbOpenException</c> on the send, not at start-up).
/// </summary>
public sealed class ChatDbView(ChatDbSource chatDb) : IChatDbView
{
    /// <inheritdoc />
    public long MaxMessageRowId() => chatDb.Read(db => db.MaxMessageRowId());

    /// <inheritdoc />
    public IReadOnlyList<MessageRecord> ReadMessagesAfter(long afterRowId, int limit) => chatDb.Read(db => db.ReadMessagesAfter(afterRowId, limit).ToList());

    /// <inheritdoc />
    public MessageRecord? GetMessage(string guid) => chatDb.Read(db => db.GetMessage(guid));

    /// <inheritdoc />
    public ChatRecord? GetChat(string guid) => chatDb.Read(db => db.GetChat(guid));

    /// <inheritdoc />
    public int CountUnread(string chatGuid) => chatDb.Read(db => db.CountUnread(chatGuid));

    /// <inheritdoc />
    public HandleHistory ReadHandleHistory(string handle) => chatDb.Read(db => db.ReadHandleHistory(handle));

    /// <inheritdoc />
    public bool HasHistoryWith(string handle) => chatDb.Read(db =>
        // The 1:1 chat's GUID prefix depends on the service and, on Tahoe, is "any" (chatdb.md §2.4).
        new[] { "iMessage", "SMS", "RCS", "any" }
            .Select(prefix => $"{prefix};-;{handle}")
            .Any(guid => db.GetChat(guid) is not null && db.ReadChatMessages(guid, null, null, 1).Count > 0));
}
