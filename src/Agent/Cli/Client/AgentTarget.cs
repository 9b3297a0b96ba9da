namespace LineAgent.Agent.Cli.Client;

/// <summary>The agent a client verb talks to: its address, the bearer token it wants, and how it was found (for messages).</summary>
/// <param name="Address">e.g. http://127.0.0.1:50551.</param>
/// <param name="Token">The bearer token (never printed).</param>
/// <param name="Description">"the agent of /…/LineAgent" or "the sandbox (pid 4242)": said when it cannot be reached.</param>
public sealed record AgentTarget(Uri Address, string Token, string Description)
{
    /// <summary>The agent's state directory when known on this machine (certify writes its report there); null otherwise.</summary>
    public string? StateDirectory { get; init; }
}

/// <summary>No agent could be chosen: the message says why and what to pass. Exit 69 (EX_UNAVAILABLE).</summary>
public sealed class AgentTargetException(string message) : Exception(message)
{
    public const int ExitCode = 69;
}
