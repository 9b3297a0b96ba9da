using LineAgent.Agent.Journal;

namespace LineAgent.Agent.Grpc.Events;

/// <summary>
/// How many events a stream reads per page so a page holds about <c>pageBytes</c> of payload: at most
/// <c>maxEvents</c> (Grpc:EventPageSize), fewer when events are large, at least one. Learns the size of events
/// from each page read; the first page is small until it knows.
/// </summary>
public sealed class EventPageLimit(int maxEvents, int pageBytes)
{
    private const int FirstPage = 64;
    private int _next = Math.Min(FirstPage, maxEvents);

    /// <summary>The limit for the next read.</summary>
    public int Next => _next;

    /// <summary>Adjusts the next limit to the average size of <paramref name="page"/>'s events.</summary>
    public void Observe(IReadOnlyList<EncodedJournalEvent> page)
    {
        if (page.Count == 0)
            return;
        long bytes = 0;
        foreach (var e in page)
            bytes += e.Size;
        var average = Math.Max(1, bytes / page.Count);
        _next = (int)Math.Clamp(pageBytes / average, 1, maxEvents);
    }
}
