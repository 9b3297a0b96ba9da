using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Hosting;

/// <summary>
/// The agent's configuration stack, later sources winning: appsettings.json next to the executable,
/// &lt;state dir&gt;/config.json, LINEAGENT__Section__Key environment variables, then the command line
/// (--Section:Key value, or the short switches in <see cref="SwitchMappings"/>).
/// </summary>
public static class AgentConfiguration
{
    /// <summary>Prefix of environment variables read as configuration (LINEAGENT__Grpc__Port=50552).</summary>
    public const string EnvironmentPrefix = "LINEAGENT__";

    /// <summary>Name of the per-line configuration file inside the state directory.</summary>
    public const string StateConfigFileName = "config.json";

    /// <summary>Short command-line switches and the keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--state-dir"] = "Agent:StateDirectory",
        ["--chat-db"] = "Agent:ChatDbPath",
        ["--listen"] = "Grpc:ListenAddress",
        ["--port"] = "Grpc:Port",
        ["--token-file"] = "Grpc:TokenFile",
    };

    /// <summary>Replaces <paramref name="configuration"/>'s sources with the agent's stack.</summary>
    /// <exception cref="FormatException">The command line is malformed.</exception>
    public static void Apply(IConfigurationBuilder configuration, string[] args)
    {
        var appSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");

        // The state directory can itself come from the environment or the command line, so find it first.
        var early = new ConfigurationBuilder()
            .AddJsonFile(appSettings, optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args, (IDictionary<string, string>)SwitchMappings)
            .Build();
        var stateDirectory = early[$"{AgentOptions.Section}:{nameof(AgentOptions.StateDirectory)}"];
        stateDirectory = string.IsNullOrWhiteSpace(stateDirectory)
            ? AgentPaths.DefaultStateDirectory()
            : AgentPaths.ExpandHome(stateDirectory);

        configuration.Sources.Clear();
        configuration.AddJsonFile(appSettings, optional: true, reloadOnChange: false);
        configuration.AddJsonFile(Path.Combine(stateDirectory, StateConfigFileName), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args, (IDictionary<string, string>)SwitchMappings);
    }
}
