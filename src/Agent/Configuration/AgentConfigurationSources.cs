namespace LineAgent.Agent.Configuration;

/// <summary>Where <see cref="AgentConfiguration"/> reads its layers from; tests substitute both.</summary>
/// <param name="BaseDirectory">Directory holding appsettings.json (the executable's directory in production).</param>
/// <param name="Environment">Environment variables to read LINEAGENT__… keys from; null = the process environment.</param>
public sealed record AgentConfigurationSources(string BaseDirectory, IReadOnlyDictionary<string, string?>? Environment = null)
{
    /// <summary>The executable's directory and the real process environment.</summary>
    public static AgentConfigurationSources Default => new(AppContext.BaseDirectory);
}
