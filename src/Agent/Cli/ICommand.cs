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
    private readonly Lazy<string?> _details = new((string?)null);

    /// <summary>Paragraphs after the generated usage and options: behaviour, exit codes, examples.</summary>
    public string? Details { get => _details.Value; init => _details = new(value); }

    /// <summary>
    /// <see cref="Details"/> made only when help is shown, for text that costs something to make: every verb is built
    /// at every start-up, so `export`'s key list, read from the serializer's metadata, cost every verb ~30 ms.
    /// </summary>
    public Func<string> MakeDetails { init => _details = new(() => value()); }
}
