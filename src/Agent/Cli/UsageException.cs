namespace LineAgent.Agent.Cli;

/// <summary>Bad command-line arguments: printed as one line followed by the verb's usage, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
