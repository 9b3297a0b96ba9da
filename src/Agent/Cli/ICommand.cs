using System.CommandLine;

namespace LineAgent.Agent.Cli;

/// <summary>
/// One `lineagent` verb: its System.CommandLine definition (options, arguments, subcommands) with the action that runs
/// it. Implementations live in Cli/Commands, one file each; <see cref="CommandLine"/> lists them.
/// </summary>
public interface ICommand
{
    /// <summary>
    /// Builds the verb (a fresh instance per parse: options are not shared between commands). Its action returns the
    /// exit code; it throws <see cref="UsageException"/> for arguments the parser cannot judge (exit 2) and
    /// <see cref="Configuration.ConfigurationException"/> for configuration it refuses (exit 78).
    /// </summary>
    Verb Build();
}

/// <summary>A verb's command, with the text `lineagent help VERB` prints after the options (what it does, examples).</summary>
public sealed class Verb(string name, string summary) : Command(name, summary)
{
    /// <summary>Paragraphs after the generated usage and options: behaviour, exit codes, examples.</summary>
    public string? Details { get; init; }
}
