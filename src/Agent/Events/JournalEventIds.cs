namespace LineAgent.Agent.Events;

/// <summary>
/// The deterministic event ids. Every appender (the change feed, the outbox) builds ids here, so the
/// same fact observed twice — after a restart, or by both the feed and the correlator — is stored once.
/// </summary>
public static class JournalEventIds
{
    /// <summary>"&lt;message guid&gt;:received" — an inbound message row.</summary>
    public static string Received(string messageGuid) => $"{messageGuid}:received";

    /// <summary>"&lt;message guid&gt;:sent" — an own row that reached is_sent = 1 (from this Mac or the owner's other devices).</summary>
    public static string Sent(string messageGuid) => $"{messageGuid}:sent";

    /// <summary>"&lt;message guid&gt;:delivered".</summary>
    public static string Delivered(string messageGuid) => $"{messageGuid}:delivered";

    /// <summary>"&lt;message guid&gt;:read".</summary>
    public static string Read(string messageGuid) => $"{messageGuid}:read";

    /// <summary>"&lt;message guid&gt;:failed:&lt;error code&gt;" — one event per distinct error code.</summary>
    public static string Failed(string messageGuid, long errorCode) => $"{messageGuid}:failed:{errorCode}";

    /// <summary>"&lt;message guid&gt;:edited:&lt;date_edited&gt;" — one event per edit (iMessage allows five).</summary>
    public static string Edited(string messageGuid, long dateEdited) => $"{messageGuid}:edited:{dateEdited}";

    /// <summary>"&lt;message guid&gt;:unsent:&lt;parts&gt;" — parts is the sorted list of unsent part indexes ("all" when the whole message).</summary>
    public static string Unsent(string messageGuid, string parts) => $"{messageGuid}:unsent:{parts}";

    /// <summary>"&lt;tapback row guid&gt;:reaction" — a tapback (added or removed) is its own row with its own guid.</summary>
    public static string Reaction(string tapbackGuid) => $"{tapbackGuid}:reaction";

    /// <summary>"&lt;group action row guid&gt;:group" — renames and participant changes are rows of their own.</summary>
    public static string GroupAction(string actionGuid) => $"{actionGuid}:group";

    /// <summary>"chat:&lt;chat guid&gt;:created".</summary>
    public static string ChatCreated(string chatGuid) => $"chat:{chatGuid}:created";

    /// <summary>"chat:&lt;chat guid&gt;:read:&lt;last_read_message_timestamp&gt;".</summary>
    public static string ChatRead(string chatGuid, long lastReadTimestamp) => $"chat:{chatGuid}:read:{lastReadTimestamp}";

    /// <summary>"send:&lt;send id&gt;:&lt;state&gt;" — one event per state or receipt of a send (queued, sending, sent,
    /// failed, unconfirmed, delivered, read), so each is journaled once.</summary>
    public static string Send(string sendId, string state) => $"send:{sendId}:{state}";

    /// <summary>"attachment:&lt;attachment guid&gt;:ready".</summary>
    public static string AttachmentReady(string attachmentGuid) => $"attachment:{attachmentGuid}:ready";
}
