namespace LineAgent.Agent.Cli;

/// <summary>Bad command-line arguments the parser cannot judge alone: printed as one line with a pointer to the verb's help, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
