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
        CheckNotPruned(after, journal);
        return after;
    }

    /// <summary>Throws OUT_OF_RANGE when events after <paramref name="after"/> may have been pruned.</summary>
    public static void CheckNotPruned(long after, IJournalReader journal)
    {
        // Decided by the durable mark, not by the oldest cursor held: cursors have gaps (a skipped duplicate
        // consumes one), so "after < oldest - 1" would also refuse a cursor whose next values never existed.
        var prunedThrough = journal.PrunedThrough;
        if (after < prunedThrough)
        {
            var oldest = journal.OldestCursor;
            throw new OutOfRangeException(
                $"after_cursor {after} is older than the journal's retention: events with cursors up to {prunedThrough} were pruned. " +
                $"The oldest cursor still held is {oldest}; resume with after_cursor {prunedThrough} (or start = STREAM_START_OLDEST) " +
                "and reconcile the gap from history (ListMessages).");
        }
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
