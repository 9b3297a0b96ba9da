using System.ComponentModel.DataAnnotations;
using LineAgent.Agent.Configuration;

namespace LineAgent.Agent.Outbox;

/// <summary>The send queue (section "Outbox"). Its tables live in journal.db, next to the journal's.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Most sends waiting at once; more are refused with RESOURCE_EXHAUSTED. Default: 1,000 (at the default pace
    /// of one per second, about a quarter of an hour of work).
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxQueuedSends { get; set; } = 1_000;

    /// <summary>
    /// Refuse new sends to a recipient whose newest 1:1 history in chat.db is "not delivered" (error 22): FAILED_PRECONDITION
    /// with failure code known_failing_handle (CheckHandle shows the evidence). Default: false (the router decides).
    /// </summary>
    public bool RefuseKnownFailingHandles { get; set; }

    /// <summary>
    /// Where files are staged before Messages sends them: Messages is sandboxed and only reads its own containers
    /// (a file elsewhere "sends" but fails with error 25: claude-plugins-official #1113, imsg #110), so every
    /// upload is copied to &lt;root&gt;/&lt;uuid&gt;/&lt;sanitized name&gt;. Default: ~/Library/Messages/Attachments/LineAgent.
    /// </summary>
    [Required]
    public string StagingDirectory { get; set; } = Path.Combine(AgentPaths.Home, "Library", "Messages", "Attachments", "LineAgent");

    /// <summary>
    /// How long a staged file is kept after its send was accepted (and Messages reported the transfer finished)
    /// before it is deleted. Default: unset — staged files are kept. From Monterey on, Messages keeps no copy of a
    /// file that already lies under ~/Library/Messages/Attachments and refers to the staged copy instead
    /// (BlueBubbles messageInterface.ts), so deleting it leaves the sent attachment undownloadable for the
    /// recipient's other devices and missing from this Mac's history. Set it only to reclaim disk space, accepting
    /// that consequence for attachments older than the retention.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan? StagedFileRetention { get; set; }

    /// <summary>How often the worker looks for queued sends when not woken by a new one. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
