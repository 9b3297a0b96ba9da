using LineAgent.Agent.Correlation;
using LineAgent.Agent.Outbox.Attachments;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// Follows sent sends in chat.db: is_delivered → send.delivered, date_read → send.read, error != 0 (e.g. the
/// recipient is not on iMessage) → send.failed. Messages updates these columns in place on the same row.
/// Also deletes staged files once their transfer finished and the retention passed.
/// </summary>
public sealed class DeliveryTracker(OutboxStore store, IChatDbView chatDb, AttachmentStager stager,
    IOptions<CorrelationOptions> correlation, IOptions<OutboxOptions> outbox, TimeProvider time, ILogger<DeliveryTracker> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                PollOnce();
            }
            catch (Exception ex) when (ex is ChatDbOpenException or IOException)
            {
                OutboxLog.TrackerFault(logger, ex);
            }
            await Task.Delay(correlation.Value.DeliveryPollInterval, time, stoppingToken);
        }
    }

    /// <summary>One pass over the tracked sends (public for tests).</summary>
    public void PollOnce()
    {
        var now = time.GetUtcNow();
        foreach (var entry in store.ListTracked(now - correlation.Value.DeliveryTrackingWindow))
        {
            var rows = entry.MessageGuids.Select(chatDb.GetMessage).OfType<MessageRecord>().ToList();
            if (rows.Count == 0)
                continue;
            var next = entry;
            if (rows.FirstOrDefault(r => r.Error != 0) is { } failed)
            {
                store.Save(next with { State = SendState.Failed, Error = NotDelivered(failed.Error) }, journalState: true);
                continue;
            }
            if (next.Delivery == DeliveryState.None && rows.Any(r => r.IsDelivered || r.DateRead is not null))
                next = store.Save(next with { Delivery = DeliveryState.Delivered }, journalDelivery: true);
            if (next.Delivery == DeliveryState.Delivered && rows.Any(r => r.DateRead is not null))
                next = store.Save(next with { Delivery = DeliveryState.Read }, journalDelivery: true);
            if (next.StagedFiles.Count > 0 && now - next.AcceptedAt >= outbox.Value.StagedFileRetention
                && rows.SelectMany(r => r.Attachments).All(a => a.TransferState == AttachmentRecord.TransferStateFinished))
            {
                foreach (var path in next.StagedFiles)
                    stager.Remove(path);
                store.Save(next with { StagedFiles = [] });
            }
        }
    }

    private static string NotDelivered(int error) => error == 22
        ? "Not delivered (chat.db error 22): the recipient is probably not on iMessage."
        : $"Not delivered: Messages marked the message as failed (chat.db error {error}).";
}
