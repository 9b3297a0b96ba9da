using LineAgent.Agent.Correlation;
using LineAgent.ChatDbReader;
using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox.Staging;

/// <summary>
/// Deletes a sent send's staged files once <see cref="OutboxOptions.StagedFileRetention"/> has passed since it was
/// accepted and chat.db shows every attachment of its rows transferred. Without a retention (the default) it keeps
/// them: Messages refers to the staged copy of a sent file (see the option).
/// </summary>
public sealed class StagedFileCleaner(OutboxStore store, IChatDbView chatDb, AttachmentStager stager, IOptions<OutboxOptions> outbox,
    TimeProvider time, ILogger<StagedFileCleaner> logger) : BackgroundService
{
    /// <summary>How often staged files are checked. Retention is counted in hours or days; a minute is plenty.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outbox.Value.StagedFileRetention is null)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                CleanOnce();
            }
            catch (Exception ex) when (ex is ChatDbOpenException or IOException or UnauthorizedAccessException)
            {
                OutboxLog.TrackerFault(logger, ex);
            }
            await Task.Delay(Interval, time, stoppingToken);
        }
    }

    /// <summary>One pass over the sends holding staged files (public for tests).</summary>
    public void CleanOnce()
    {
        if (outbox.Value.StagedFileRetention is not { } retention)
            return;
        foreach (var entry in store.ListWithStagedFiles(time.GetUtcNow() - retention))
        {
            var rows = entry.MessageGuids.Select(chatDb.GetMessage).OfType<MessageRecord>().ToList();
            if (rows.Count == 0 || !rows.SelectMany(r => r.Attachments).All(a => a.TransferState == AttachmentRecord.TransferStateFinished))
                continue;
            foreach (var path in entry.StagedFiles)
                stager.Remove(path);
            store.ClearStagedFiles(entry.SendId);
        }
    }
}
