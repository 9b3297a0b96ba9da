using System.CommandLine;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Cli;

/// <summary>
/// The options of a verb that reads the agent's configuration: shortcuts (--state-dir, --chat-db, and for `run`
/// --listen, --port, --token-file) and any key as --Section:Key VALUE. All of them become arguments of the one
/// configuration stack (<see cref="AgentConfiguration"/>), so a verb sees exactly what `run` would.
/// </summary>
internal sealed class ConfigurationOptions
{
    private readonly List<Option<string>> _switches = [];

    private ConfigurationOptions(Command command, IEnumerable<string> switches)
    {
        foreach (var name in switches)
        {
            var option = new Option<string>(name) { Description = Describe(name), HelpName = HelpName(name) };
            _switches.Add(option);
            command.Options.Add(option);
        }
        // --Section:Key VALUE pairs are not options the parser knows: they arrive as unmatched tokens, checked here.
        command.TreatUnmatchedTokensAsErrors = false;
    }

    /// <summary>Adds --state-dir, --chat-db and --Section:Key to <paramref name="command"/>.</summary>
    public static ConfigurationOptions AddTo(Command command) => new(command, ["--state-dir", "--chat-db"]);

    /// <summary>Adds exactly <paramref name="switches"/> (shortcuts of <see cref="AgentConfiguration.SwitchMappings"/>) and --Section:Key.</summary>
    public static ConfigurationOptions AddTo(Command command, params string[] switches) => new(command, switches);

    /// <summary>The configuration arguments given: the shortcuts, then every --Section:Key VALUE pair, in order.</summary>
    /// <exception cref="UsageException">A token that is neither (a typo such as --prot, a stray word).</exception>
    public string[] Arguments(ParseResult parse)
    {
        var arguments = new List<string>();
        foreach (var option in _switches)
            if (parse.GetValue(option) is { } value)
                arguments.AddRange([option.Name, value]);

        var tokens = parse.UnmatchedTokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? token[..eq] : token;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !name.Contains(':'))
            {
                var known = parse.CommandResult.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));
                throw new UsageException(!token.StartsWith('-')
                    ? $"unexpected argument '{token}'"
                    : UnknownKeyValidator.Nearest(name, known) is { } meant
                        ? $"unknown option {name} (did you mean {meant}?)"
                        : $"unknown option {name} (configuration keys are --Section:Key VALUE)");
            }
            if (eq > 0)
            {
                arguments.Add(token);
                continue;
            }
            if (i + 1 >= tokens.Count)
                throw new UsageException($"{name} needs a value");
            arguments.AddRange([name, tokens[++i]]);
        }
        return [.. arguments];
    }

    /// <summary>The layered configuration for these arguments.</summary>
    /// <exception cref="ConfigurationFileException">A configuration file is not JSON.</exception>
    public IConfigurationRoot Build(ParseResult parse, AgentConfigurationSources? sources = null) =>
        AgentConfiguration.Build(Arguments(parse), sources);

    /// <summary>Help text for configuration-reading verbs.</summary>
    public const string KeysHelp =
        "Any configuration key can be set as --Section:Key VALUE (e.g. --Pacing:MessagesPerSecond 0.5); an unknown key is refused.";

    private static string Describe(string name) => name switch
    {
        "--state-dir" => "the agent's state directory (Agent:StateDirectory)",
        "--chat-db" => "Messages' database, opened read-only (Agent:ChatDbPath)",
        "--listen" => "address to listen on (Grpc:ListenAddress); non-loopback requires TLS",
        "--port" => "gRPC port (Grpc:Port; 0 picks a free one)",
        "--token-file" => "bearer token file (Grpc:TokenFile)",
        _ => AgentConfiguration.SwitchMappings[name],
    };

    private static string HelpName(string name) => name switch
    {
        "--state-dir" => "DIR",
        "--listen" => "ADDRESS",
        "--port" => "N",
        _ => "PATH",
    };
}
