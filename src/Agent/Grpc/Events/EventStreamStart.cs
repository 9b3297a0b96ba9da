using LineAgent.Agent.Events;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Journal;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Events;

/// <summary>Turns a StreamEventsRequest into a starting cursor and a type filter, refusing gaps.</summary>
public static class EventStreamStart
{
    /// <summary>The cursor to read after. Throws OUT_OF_RANGE when events after it were pruned or it was never issued.</summary>
    public static long Resolve(StreamEventsRequest request, IJournalReader journal)
    {
        switch (request.Start)
        {
            case StreamStart.Oldest:
                return journal.OldestCursor - 1;
            case StreamStart.Latest:
                return journal.LastCursor;
            case StreamStart.AfterCursor:
                break;
            default:
                throw new InvalidFieldException("start", $"unknown value {(int)request.Start}");
        }

        var after = request.AfterCursor;
        if (after < 0)
            throw new InvalidFieldException("after_cursor", "must not be negative (0 = from the first event)");
        var last = journal.LastCursor;
        if (after > last)
            throw new OutOfRangeException(
                $"after_cursor {after} is ahead of this line's journal (last cursor {last}): the journal was reset or the cursor " +
                "belongs to another line. Resume with start = STREAM_START_OLDEST and de-duplicate by event id.");
        CheckNotPruned(after, journal.OldestCursor);
        return after;
    }

    /// <summary>Throws OUT_OF_RANGE when events after <paramref name="after"/> are no longer retained.</summary>
    public static void CheckNotPruned(long after, long oldest)
    {
        // Cursors are dense (AUTOINCREMENT, never reused) and pruning removes a prefix, so every event after `after`
        // is still held exactly when after >= oldest - 1.
        if (after < oldest - 1)
            throw new OutOfRangeException(
                $"after_cursor {after} is older than the journal's retention: events {after + 1}–{oldest - 1} were pruned. " +
                $"The oldest cursor still held is {oldest}; resume with after_cursor {oldest - 1} (or start = STREAM_START_OLDEST) " +
                "and reconcile the gap from history (ListMessages).");
    }

    /// <summary>The validated type filter (null = all types).</summary>
    public static IReadOnlySet<string>? Types(IReadOnlyList<string> types)
    {
        if (types.Count == 0)
            return null;
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < types.Count; i++)
        {
            if (!JournalEventTypes.All.Contains(types[i]))
                throw new InvalidFieldException($"event_types[{i}]",
                    $"unknown event type \"{Validation.Fields.Shorten(types[i])}\"; known types: {string.Join(", ", JournalEventTypes.All.Order(StringComparer.Ordinal))}");
            set.Add(types[i]);
        }
        return set;
    }
}
