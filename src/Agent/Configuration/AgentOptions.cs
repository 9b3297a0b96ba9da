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
}
