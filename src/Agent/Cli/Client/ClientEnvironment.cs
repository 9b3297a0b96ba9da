using LineAgent.Agent.Configuration;
using LineAgent.Agent.Sandbox;

namespace LineAgent.Agent.Cli.Client;

/// <summary>Where the client verbs look for the agent and write their output; tests substitute every part.</summary>
/// <param name="Out">Results (human text, or JSON with --json).</param>
/// <param name="Error">Errors and notes.</param>
/// <param name="SandboxRoot">Where running sandboxes record themselves (<see cref="SandboxRegistry"/>).</param>
/// <param name="Sources">Configuration layers (appsettings.json directory, environment).</param>
public sealed record ClientEnvironment(TextWriter Out, TextWriter Error, string SandboxRoot, AgentConfigurationSources Sources)
{
    public static ClientEnvironment Default(TextWriter stdout, TextWriter stderr) =>
        new(stdout, stderr, SandboxRegistry.DefaultRoot, AgentConfigurationSources.Default);
}
