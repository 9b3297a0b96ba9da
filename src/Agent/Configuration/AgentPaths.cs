namespace LineAgent.Agent.Configuration;

/// <summary>Default locations on macOS (and their Linux equivalents for the sandbox and tests).</summary>
public static class AgentPaths
{
    public static string Home => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    /// <summary>~/Library/Application Support/LineAgent on macOS; $XDG_STATE_HOME/lineagent (or ~/.local/state/lineagent) elsewhere.</summary>
    public static string DefaultStateDirectory()
    {
        if (OperatingSystem.IsMacOS())
            return Path.Combine(Home, "Library", "Application Support", "LineAgent");
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(Home, ".local", "state") : xdg, "lineagent");
    }

    /// <summary>~/Library/Messages/chat.db: the database Messages.app writes.</summary>
    public static string DefaultChatDbPath() => Path.Combine(Home, "Library", "Messages", "chat.db");

    /// <summary>Expands a leading "~/" the way Messages stores attachment paths (~/Library/Messages/Attachments/…).</summary>
    public static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Home, path[2..]) : path;

    /// <summary>A configured path made full ("~/" expanded, relative to the working directory).</summary>
    /// <param name="path">The value as configured.</param>
    /// <param name="key">Its configuration key, for the error (e.g. Agent:ChatDbPath).</param>
    /// <exception cref="ConfigurationException">The value is empty or blank: it names no file.</exception>
    public static string FullPath(string path, string key) =>
        string.IsNullOrWhiteSpace(path)
            ? throw new ConfigurationException($"{key} is empty: set it to a path, or leave it out for the default.")
            : Path.GetFullPath(ExpandHome(path));
}
