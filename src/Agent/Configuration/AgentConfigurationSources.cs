namespace LineAgent.Agent.Configuration;

/// <summary>Where <see cref="AgentConfiguration"/> reads its layers from; tests substitute both.</summary>
/// <param name="BaseDirectory">Directory holding appsettings.json (the executable's directory in production).</param>
/// <param name="Environment">Environment variables to read LINEAGENT__… keys from; null = the process environment.</param>
public sealed record AgentConfigurationSources(string BaseDirectory, IReadOnlyDictionary<string, string?>? Environment = null)
{
    /// <summary>The shipped-defaults directory (see <see cref="DefaultBaseDirectory"/>) and the real process environment.</summary>
    public static AgentConfigurationSources Default => new(DefaultBaseDirectory(AppContext.BaseDirectory));

    /// <summary>
    /// The executable's directory, except inside LineAgent.app (…/Contents/MacOS/), where data files live in
    /// Contents/Resources: only code belongs in Contents/MacOS, or code signing fails.
    /// </summary>
    public static string DefaultBaseDirectory(string executableDirectory)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(executableDirectory);
        if (trimmed.EndsWith(Path.Combine("Contents", "MacOS"), StringComparison.Ordinal))
        {
            var resources = Path.Combine(Path.GetDirectoryName(trimmed)!, "Resources");
            if (Directory.Exists(resources)) return resources;
        }
        return executableDirectory;
    }
}
