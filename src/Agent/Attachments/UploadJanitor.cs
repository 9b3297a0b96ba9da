using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Attachments;

/// <summary>
/// Keeps the upload directory from growing: at start it removes what interrupted uploads left, then it deletes
/// uploads older than <see cref="AttachmentOptions.UploadRetention"/> that no pending send uses, at start and
/// every retention/2 (at most hourly). A failed pass is logged and retried at the next one.
/// </summary>
public sealed partial class UploadJanitor(
    AttachmentStore store,
    IUploadsInUse inUse,
    IOptions<AttachmentOptions> options,
    TimeProvider time,
    ILogger<UploadJanitor> logger) : BackgroundService
{
    /// <summary>Longest time between two retention passes.</summary>
    public static readonly TimeSpan MaxSweepInterval = TimeSpan.FromHours(1);

    /// <summary>Runs one retention pass now. Returns how many uploads were deleted.</summary>
    public int SweepOnce()
    {
        var removed = store.RemoveExpired(time.GetUtcNow() - options.Value.UploadRetention, inUse.AttachmentIds());
        if (removed > 0)
            Expired(logger, removed, options.Value.UploadRetention);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Pass(() =>
        {
            var leftovers = store.RemoveInterrupted();
            if (leftovers > 0)
                InterruptedRemoved(logger, leftovers);
        });
        var retention = options.Value.UploadRetention;
        var interval = retention / 2 < MaxSweepInterval ? retention / 2 : MaxSweepInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            Pass(() => SweepOnce());
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Pass(Action pass)
    {
        try
        {
            pass();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            SweepFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(4150, LogLevel.Information, "Removed {Count} leftovers of interrupted uploads", EventName = "UploadsInterruptedRemoved")]
    private static partial void InterruptedRemoved(ILogger logger, int count);

    [LoggerMessage(4151, LogLevel.Information, "Deleted {Count} uploads older than {Retention} (Attachments:UploadRetention)", EventName = "UploadsExpired")]
    private static partial void Expired(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(4152, LogLevel.Warning, "Upload retention pass failed, retried at the next one: {Reason}", EventName = "UploadSweepFailed")]
    private static partial void SweepFailed(ILogger logger, string reason);
}
