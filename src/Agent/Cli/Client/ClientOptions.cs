using System.CommandLine;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Sandbox;
using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Cli.Client;

/// <summary>
/// How every client verb finds the agent. Explicit first: --sandbox [PID] (a running sandbox), --address URL (with the
/// token of the configuration). Otherwise the agent of the state directory (its address from the Grpc section, its
/// token file) when one was initialised here, else the one running sandbox. Never a guess between several: two
/// sandboxes and no --sandbox PID is an error listing them.
/// </summary>
internal sealed class ClientOptions
{
    private readonly ClientEnvironment _environment;
    private readonly ConfigurationOptions _configuration;

    private ClientOptions(Command verb, ClientEnvironment environment)
    {
        _environment = environment;
        verb.Options.Add(Json);
        verb.Options.Add(Sandbox);
        verb.Options.Add(Address);
        _configuration = ConfigurationOptions.AddTo(verb, "--state-dir", "--token-file");
    }

    public Option<bool> Json { get; } = CliOptions.Json();

    public Option<string> Sandbox { get; } = new("--sandbox")
    {
        Description = "talk to the running sandbox (PID picks one when several run)",
        HelpName = "PID",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string> Address { get; } = new("--address")
    {
        Description = "the agent's address, e.g. http://127.0.0.1:50551 (default: Grpc:ListenAddress and Grpc:Port)",
        HelpName = "URL",
    };

    public static ClientOptions AddTo(Command verb, ClientEnvironment environment) => new(verb, environment);

    /// <summary>Help text shared by the client verbs.</summary>
    public const string TargetHelp =
        "The agent is found without flags: the one initialised in the state directory (address from the Grpc section, " +
        "token from its token file or $LINEAGENT_GRPC_TOKEN), else the running sandbox. --sandbox [PID] and --address URL choose explicitly.";

    /// <exception cref="AgentTargetException">No agent, or no single one, can be chosen.</exception>
    /// <exception cref="ConfigurationFileException">A configuration file is not JSON.</exception>
    public AgentTarget Resolve(ParseResult parse)
    {
        if (parse.GetResult(Sandbox) is not null)
            return FromSandbox(parse.GetValue(Sandbox));

        var configuration = _configuration.Build(parse, _environment.Sources);
        var agent = new AgentOptions();
        configuration.GetSection(AgentOptions.Section).Bind(agent);
        var stateDirectory = Path.GetFullPath(AgentPaths.ExpandHome(agent.StateDirectory));
        var token = GrpcEndpoint.ReadToken(configuration, stateDirectory, _environment.Sources.Environment);

        if (parse.GetValue(Address) is { } address)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new UsageException($"--address must be an http:// or https:// URL, not '{address}'");
            return new AgentTarget(uri, token ?? throw new AgentTargetException(
                $"no token for {uri}: set $LINEAGENT_GRPC_TOKEN or pass --token-file PATH"), $"the agent at {uri}") { StateDirectory = stateDirectory };
        }
        if (token is not null)
            return new AgentTarget(GrpcEndpoint.Address(configuration), token, $"the agent of {stateDirectory}") { StateDirectory = stateDirectory };

        // Nothing initialised here: a developer's machine, where the sandbox is the agent.
        var running = SandboxRegistry.Running(_environment.SandboxRoot);
        if (running.Count == 1)
            return FromSandbox(running[0]);
        throw new AgentTargetException(running.Count == 0
            ? $"no agent to talk to: no token in {stateDirectory} (lineagent init, or --state-dir DIR) and no sandbox running (lineagent sandbox)"
            : $"no token in {stateDirectory}, and {running.Count} sandboxes are running ({SandboxRegistry.Pids(running)}): pick one with --sandbox PID");
    }

    private AgentTarget FromSandbox(string? pid)
    {
        int? processId = null;
        if (pid is not null)
            processId = int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0
                ? p
                : throw new UsageException($"--sandbox takes a process id (see the sandbox's banner), not '{pid}'");
        return FromSandbox(SandboxRegistry.Find(_environment.SandboxRoot, processId, out var reason) ?? throw new AgentTargetException(reason!));
    }

    private static AgentTarget FromSandbox(SandboxState sandbox)
    {
        var token = File.ReadAllText(sandbox.TokenPath).Trim();
        return new AgentTarget(new Uri(sandbox.Address), token, $"the sandbox (pid {sandbox.ProcessId})")
        {
            StateDirectory = Path.GetDirectoryName(sandbox.TokenPath),
        };
    }
}
