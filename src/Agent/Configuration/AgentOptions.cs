using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Configuration;

/// <summary>
/// Where the agent finds Messages' database and keeps its own state. Bound from the "Agent" section
/// (appsettings.json, the state directory's config file, LINEAGENT__Agent__… variables, command line).
/// </summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>The agent's own directory (journal, outbox, token, config). Default: <see cref="AgentPaths.DefaultStateDirectory"/>.</summary>
    [Required]
    public string StateDirectory { get; set; } = AgentPaths.DefaultStateDirectory();

    /// <summary>Messages' database, opened read-only. Default: ~/Library/Messages/chat.db.</summary>
    [Required]
    public string ChatDbPath { get; set; } = AgentPaths.DefaultChatDbPath();

    /// <summary>
    /// This line's stable id for the central API (GetLine, the gateway hello). Unset: generated once and kept in
    /// &lt;state dir&gt;/line-id (0600). 1–64 of letters, digits, '.', '_', '-', starting with a letter or digit.
    /// </summary>
    [RegularExpression(LineIdPattern, ErrorMessage = "must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit")]
    public string? LineId { get; set; }

    /// <summary>The whole-string pattern of a line id.</summary>
    public const string LineIdPattern = @"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z";
}
