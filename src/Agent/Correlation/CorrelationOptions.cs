using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Correlation;

/// <summary>
/// How long the agent looks for a send's row in chat.db (section "Correlation"). Messages writes the outgoing
/// row when it accepts the send, so text normally shows up within a second (imsg waits 2 s); attachments can
/// take minutes on macOS 26 (hermes-agent #77918). A send not found in time becomes "unconfirmed", never resent.
/// </summary>
public sealed class CorrelationOptions
{
    public const string Section = "Correlation";

    /// <summary>How often chat.db is re-read while waiting. Default: 100 ms (imsg SentMessageVerifier).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Wait for a text (or rich link) row. Default: 15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TextTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Wait for an attachment row. Default: 2 minutes (macOS 26 attachment sends are slow to return).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan AttachmentTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait for the effect of a UI-scripted action (tapback row, group row, new chat). Default: 20 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan UiActionTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long an empty, unjoined from-me row must stay that way before it counts as a ghost (a row is briefly
    /// unjoined before Messages writes its chat_message_join row). Default: 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan GhostGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long after a send the agent keeps watching its rows for delivered/read/not delivered. Default: 7 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan DeliveryTrackingWindow { get; set; } = TimeSpan.FromDays(7);
}
