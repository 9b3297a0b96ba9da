using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Correlation;

/// <summary>
/// The read-only questions the send pipeline asks chat.db. One implementation (<see cref="ChatDbView"/>) over
/// <c>ChatDb</c>; it exists as an interface so the pipeline can be exercised against a fake chat.db file.
/// </summary>
public interface IChatDbView
{
    /// <summary>MAX(ROWID) of message: the snapshot taken before each send.</summary>
    long MaxMessageRowId();

    /// <summary>Up to <paramref name="limit"/> message rows with ROWID &gt; <paramref name="afterRowId"/>, ROWID order.</summary>
    IReadOnlyList<MessageRecord> ReadMessagesAfter(long afterRowId, int limit);

    /// <summary>The row with this GUID (its current state), or null.</summary>
    MessageRecord? GetMessage(string guid);

    /// <summary>The chat with this GUID, or null.</summary>
    ChatRecord? GetChat(string guid);

    /// <summary>Received messages of the chat still unread (0 for an unknown chat).</summary>
    int CountUnread(string chatGuid);

    /// <summary>What the 1:1 history with <paramref name="handle"/> says about reaching it (delivered, failed, received).</summary>
    HandleHistory ReadHandleHistory(string handle);

    /// <summary>True when a 1:1 chat with <paramref name="handle"/> holds at least one message (either direction).</summary>
    bool HasHistoryWith(string handle);
}
