using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Attachments;

/// <summary>Uploads (files to send) and downloads (received files). Bound from the "Attachments" section.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Attachments";

    /// <summary>Largest upload accepted, in bytes. Default: 100 MiB (iMessage's own attachment ceiling).</summary>
    [Range(1, 2L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Where uploads are kept. Default: &lt;state dir&gt;/uploads.</summary>
    public string? UploadDirectory { get; set; }

    /// <summary>
    /// An extra directory DownloadAttachment may serve files from, besides ~/Library/Messages/Attachments
    /// (which is always allowed). Default: none.
    /// </summary>
    public string? ReceivedRoot { get; set; }

    /// <summary>
    /// How long DownloadAttachment waits for one read of a received file before ending the call with UNAVAILABLE
    /// (an iCloud-evicted file being fetched, a hung volume). Default: 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan DownloadStallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a completed upload is kept. Older uploads are deleted (checked at start and then at least hourly)
    /// unless a queued or sending send still uses them; a caller that wants to send one later uploads it again.
    /// Default: 1 day.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan UploadRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long UploadAttachment waits for the caller's next message before ending the call with DEADLINE_EXCEEDED
    /// and discarding the partial upload. Default: 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan UploadIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
