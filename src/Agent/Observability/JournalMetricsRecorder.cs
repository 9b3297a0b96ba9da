using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using Microsoft.Extensions.Hosting;

namespace LineAgent.Agent.Observability;

/// <summary>
/// Feeds <see cref="LineAgentMetrics"/> from the journal: every appended event counts by type, and events that
/// record a fresh chat.db write (a new message or reaction) record commit→journal latency.
/// </summary>
/// <remarks>
/// WHY the journal and not each producer: the change feed and the send pipeline both append, and an event
/// counts once only when it is durable — exactly what <see cref="JournalStore.Appended"/> reports.
/// The latency uses the event's own time (the row's Apple date, written by Messages at commit) and is only
/// recorded for rows younger than <see cref="FreshWindow"/>, so a backfill or a restart does not skew it.
/// </remarks>
public sealed class JournalMetricsRecorder(JournalStore journal, LineAgentMetrics metrics, TimeProvider time) : IHostedService
{
    /// <summary>Events older than this at append time are history, not latency.</summary>
    public static readonly TimeSpan FreshWindow = TimeSpan.FromMinutes(1);

    private static readonly HashSet<string> LatencyTypes =
    [
        JournalEventTypes.MessageReceived, JournalEventTypes.MessageSent, JournalEventTypes.ReactionAdded,
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        journal.Appended += Record;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        journal.Appended -= Record;
        return Task.CompletedTask;
    }

    private void Record(IReadOnlyList<JournalEvent> events)
    {
        var now = time.GetUtcNow();
        foreach (var e in events)
        {
            metrics.RecordEvent(e.Type);
            var age = now - e.OccurredAt;
            if (LatencyTypes.Contains(e.Type) && age < FreshWindow)
                metrics.RecordEventLatency(age);
        }
    }
}
