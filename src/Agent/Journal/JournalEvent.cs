namespace LineAgent.Agent.Journal;

/// <summary>
/// One event as stored in the journal. <see cref="Cursor"/> is the journal's own sequence number: strictly
/// increasing, never reused (AUTOINCREMENT), with gaps where events were pruned. Consumers resume from the last
/// cursor they processed and de-duplicate by <see cref="Id"/>.
/// </summary>
/// <param name="Cursor">Position in the journal (1, 2, 3, … in append order).</param>
/// <param name="Id">Deterministic id (e.g. "&lt;message guid&gt;:delivered"); the journal never holds two events with the same id.</param>
/// <param name="Type">Event type, e.g. "message.received" (see <see cref="Events.JournalEventTypes"/>).</param>
/// <param name="OccurredAt">When it happened according to chat.db (or the appender), UTC.</param>
/// <param name="ChatGuid">chat.guid the event belongs to, when known.</param>
/// <param name="MessageGuid">message.guid the event is about, when there is one.</param>
/// <param name="DataJson">The payload: a JSON object.</param>
public sealed record JournalEvent(
    long Cursor,
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    string? ChatGuid,
    string? MessageGuid,
    string DataJson);

/// <summary>An event to append; the journal assigns its <see cref="JournalEvent.Cursor"/>.</summary>
/// <param name="Id">Deterministic id. Appending an id the journal already holds is a no-op, which is what makes replays safe.</param>
/// <param name="Type">Event type (see <see cref="Events.JournalEventTypes"/>).</param>
/// <param name="OccurredAt">When it happened, UTC.</param>
/// <param name="ChatGuid">chat.guid, when known.</param>
/// <param name="MessageGuid">message.guid, when there is one.</param>
/// <param name="DataJson">The payload: a JSON object (defaults to "{}").</param>
public sealed record NewJournalEvent(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    string? ChatGuid,
    string? MessageGuid,
    string DataJson = "{}");
