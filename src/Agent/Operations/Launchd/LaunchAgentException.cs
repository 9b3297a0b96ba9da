namespace LineAgent.Agent.Operations.Launchd;

/// <summary>A launchctl step failed. The message names the step, launchctl's words, and what to do about it.</summary>
public sealed class LaunchAgentException(string message) : Exception(message);
