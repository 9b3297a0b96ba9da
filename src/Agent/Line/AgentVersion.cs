using System.Reflection;

namespace LineAgent.Agent.Line;

/// <summary>The running agent's version (assembly informational version, e.g. "0.1.0+abc123").</summary>
public static class AgentVersion
{
    public static string Current { get; } =
        typeof(AgentVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(AgentVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
