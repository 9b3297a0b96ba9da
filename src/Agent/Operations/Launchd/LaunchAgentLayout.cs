namespace LineAgent.Agent.Operations.Launchd;

/// <summary>Where a per-user LaunchAgent and its logs live for one label and home directory.</summary>
/// <param name="Home">The user's home directory.</param>
/// <param name="Label">The launchd label.</param>
public sealed record LaunchAgentLayout(string Home, string Label)
{
    /// <summary>~/Library/LaunchAgents/&lt;label&gt;.plist: per-user agents, loaded into the gui/&lt;uid&gt; domain at login.</summary>
    public string PlistPath => Path.Combine(Home, "Library", "LaunchAgents", Label + ".plist");

    /// <summary>~/Library/Logs/LineAgent: Console.app lists this folder under "Log Reports".</summary>
    public string LogDirectory => Path.Combine(Home, "Library", "Logs", "LineAgent");

    /// <summary>The job's stdout (JSON log lines).</summary>
    public string StandardOutPath => Path.Combine(LogDirectory, "lineagent.log");

    /// <summary>The job's stderr (start-up errors and crashes).</summary>
    public string StandardErrorPath => Path.Combine(LogDirectory, "lineagent.err.log");
}
