using LineAgent.Agent.Events;
using System.Text.Json;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// Follows sent sends through the journal: the change feed journals message.delivered, message.read and
/// message.failed for every row (Messages updates is_delivered, date_read and error in place), and this turns
/// those of a tracked send's rows into send.delivered, send.read and send.failed ("not delivered"). It wakes on
/// journal appends, so it costs nothing while nothing happens and sees a receipt as soon as the feed does.
/// A receipt can be journaled before its send is bound (sent), so a newly tracked send is read again from its
/// send.sending event; applying an event twice is a no-op (states only move forward).
/// </summary>
public sealed class DeliveryTracker(OutboxStore store, JournalStore journal, IOptions<CorrelationOptions> correlation, TimeProvider time,
    ILogger<DeliveryTracker> logger, LineAgentMetrics? metrics = null) : BackgroundService
{
    private const int PageSize = 500;

    private static readonly IReadOnlySet<string> Followed = new HashSet<string>(StringComparer.Ordinal)
    {
        JournalEventTypes.MessageDelivered, JournalEventTypes.MessageRead, JournalEventTypes.MessageFailed, JournalEventTypes.SendSent,
    };

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _cursor = -1;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                CatchUp();
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                OutboxLog.TrackerFault(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                continue;
            }
            await journal.WaitForAppendAsync(_cursor, stoppingToken);
        }
    }

    /// <summary>Applies every journaled receipt of a tracked send up to the journal's end (public for tests).</summary>
    public void CatchUp()
    {
        if (_cursor < 0)
            _cursor = journal.LastCursor;
        var tracked = Tracked();
        while (true)
        {
            var end = journal.LastCursor;
            var page = journal.ReadAfter(_cursor, PageSize, Followed);
            var newlySent = false;
            foreach (var e in page)
            {
                if (e.Type == JournalEventTypes.SendSent)
                    newlySent = true;
                else if (e.MessageGuid is { } guid && tracked.TryGetValue(guid, out var sendId))
                    Apply(sendId, e);
            }
            _cursor = page.Count == PageSize ? page[^1].Cursor : Math.Max(end, page.Count > 0 ? page[^1].Cursor : _cursor);
            var rewound = false;
            if (newlySent)
            {
                var at = _cursor;
                tracked = Tracked();
                rewound = _cursor < at;
            }
            if (!rewound && page.Count < PageSize)
                return;
        }
    }

    /// <summary>Message GUID → send id for every tracked send; rewinds the cursor to the start of sends not seen before.</summary>
    private Dictionary<string, string> Tracked()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in store.ListTracked(time.GetUtcNow() - correlation.Value.DeliveryTrackingWindow))
        {
            foreach (var guid in entry.MessageGuids)
                map[guid] = entry.SendId;
            if (_seen.Add(entry.SendId))
            {
                var sending = journal.Find($"send:{entry.SendId}:{OutboxStore.Name(SendState.Sending)}");
                _cursor = Math.Min(_cursor, sending is null ? journal.OldestCursor - 1 : sending.Cursor);
            }
        }
        return map;
    }

    private void Apply(string sendId, JournalEvent e)
    {
        if (store.Find(sendId) is not { State: SendState.Sent } entry)
            return;
        switch (e.Type)
        {
            case JournalEventTypes.MessageFailed:
                // A failure discovered after sending (typically error 22 minutes later): counted apart, the early sign of
                // a flagged Apple ID or a recipient not on iMessage.
                var error = ErrorCode(e);
                var code = SendFailures.FromChatDbError(error);
                metrics?.RecordPostSendFailure(SendFailures.Name(code)!);
                store.Save(entry with { State = SendState.Failed, Error = NotDelivered(error), FailureCode = code }, journalState: true);
                break;
            case JournalEventTypes.MessageDelivered when entry.Delivery == DeliveryState.None:
                store.Save(entry with { Delivery = DeliveryState.Delivered, DeliveredAt = e.OccurredAt }, journalDelivery: true);
                break;
            case JournalEventTypes.MessageRead when entry.Delivery != DeliveryState.Read:
                // A read receipt implies delivery: journal both, in order, as Messages may skip is_delivered.
                if (entry.Delivery == DeliveryState.None)
                    entry = store.Save(entry with { Delivery = DeliveryState.Delivered, DeliveredAt = e.OccurredAt }, journalDelivery: true);
                store.Save(entry with { Delivery = DeliveryState.Read, ReadAt = e.OccurredAt }, journalDelivery: true);
                break;
        }
    }

    /// <summary>message.failed's error_code (chat.db message.error).</summary>
    private static long? ErrorCode(JournalEvent e)
    {
        try
        {
            using var doc = JsonDocument.Parse(e.DataJson);
            return doc.RootElement.TryGetProperty("error_code", out var code) && code.TryGetInt64(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string NotDelivered(long? error) => error switch
    {
        22 => "Not delivered (chat.db error 22): the recipient is probably not on iMessage.",
        null => "Not delivered: Messages marked the message as failed.",
        _ => $"Not delivered: Messages marked the message as failed (chat.db error {error}).",
    };
}
