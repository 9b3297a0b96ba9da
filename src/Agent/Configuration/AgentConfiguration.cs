using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Configuration;

/// <summary>
/// Builds LineAgent's configuration from four layers, each overriding the one before:
/// <list type="number">
/// <item>appsettings.json next to the executable (shipped defaults, optional);</item>
/// <item>&lt;state directory&gt;/config.json (written by `lineagent init`, optional);</item>
/// <item>environment variables LINEAGENT__Section__Key (what the LaunchAgent plist sets);</item>
/// <item>the command line: --Section:Key=value, plus --state-dir and --chat-db.</item>
/// </list>
/// The state directory itself is taken from layers 1, 3 and 4 (the file inside it cannot move it).
/// Validation happens where the options are bound (<see cref="ConfigurationValidation"/>), at start-up.
/// </summary>
public static class AgentConfiguration
{
    /// <summary>Environment variable prefix; "__" separates sections (LINEAGENT__Agent__ChatDbPath).</summary>
    public const string EnvironmentPrefix = "LINEAGENT__";

    /// <summary>The per-machine file `lineagent init` writes in the state directory.</summary>
    public const string ConfigFileName = "config.json";

    /// <summary>Shipped defaults beside the executable.</summary>
    public const string AppSettingsFileName = "appsettings.json";

    /// <summary>Short command-line switches and the keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--state-dir"] = $"{AgentOptions.Section}:{nameof(AgentOptions.StateDirectory)}",
        ["--chat-db"] = $"{AgentOptions.Section}:{nameof(AgentOptions.ChatDbPath)}",
        ["--listen"] = "Grpc:ListenAddress",
        ["--port"] = "Grpc:Port",
        ["--token-file"] = "Grpc:TokenFile",
    };

    /// <summary>Builds the configuration for <paramref name="args"/> (the arguments after the verb).</summary>
    /// <exception cref="ConfigurationFileException">appsettings.json or config.json is not valid JSON.</exception>
    public static IConfigurationRoot Build(string[] args, AgentConfigurationSources? sources = null)
    {
        var builder = new ConfigurationBuilder();
        AddSources(builder, args, sources);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex) when (ConfigurationFileException.From(ex, Files(args, sources)) is { } file)
        {
            throw file;
        }
    }

    /// <summary>
    /// Replaces <paramref name="configuration"/>'s sources (e.g. WebApplicationBuilder.Configuration, whose defaults read
    /// unprefixed variables) with the agent's four layers.
    /// </summary>
    /// <exception cref="FormatException">The command line is malformed.</exception>
    /// <exception cref="ConfigurationFileException">appsettings.json or config.json is not valid JSON.</exception>
    public static void Apply(IConfigurationBuilder configuration, string[] args, AgentConfigurationSources? sources = null)
    {
        configuration.Sources.Clear();
        try
        {
            // A ConfigurationManager (WebApplicationBuilder.Configuration) loads each source as it is added.
            AddSources(configuration, args, sources);
        }
        catch (InvalidDataException ex) when (ConfigurationFileException.From(ex, Files(args, sources)) is { } file)
        {
            throw file;
        }
    }

    /// <summary>The JSON files the layers read, in order.</summary>
    private static string[] Files(string[] args, AgentConfigurationSources? sources)
    {
        sources ??= AgentConfigurationSources.Default;
        return [Path.Combine(Path.GetFullPath(sources.BaseDirectory), AppSettingsFileName), ConfigFilePath(StateDirectory(args, sources))];
    }

    /// <summary>
    /// Adds the four layers to an existing builder, e.g. a WebApplicationBuilder's Configuration after clearing the
    /// defaults: <c>builder.Configuration.Sources.Clear(); AgentConfiguration.AddSources(builder.Configuration, args);</c>
    /// </summary>
    public static IConfigurationBuilder AddSources(IConfigurationBuilder builder, string[] args, AgentConfigurationSources? sources = null)
    {
        sources ??= AgentConfigurationSources.Default;
        builder.AddJsonFile(Path.Combine(Path.GetFullPath(sources.BaseDirectory), AppSettingsFileName), optional: true, reloadOnChange: false);
        builder.AddJsonFile(ConfigFilePath(StateDirectory(args, sources)), optional: true, reloadOnChange: false);
        AddEnvironment(builder, sources.Environment);
        builder.AddCommandLine(args, SwitchMappings.ToDictionary(p => p.Key, p => p.Value));
        return builder;
    }

    /// <summary>The state directory the layers other than config.json select (default <see cref="AgentPaths.DefaultStateDirectory"/>).</summary>
    public static string StateDirectory(string[] args, AgentConfigurationSources? sources = null)
    {
        sources ??= AgentConfigurationSources.Default;
        var builder = new ConfigurationBuilder();
        var appSettings = Path.Combine(Path.GetFullPath(sources.BaseDirectory), AppSettingsFileName);
        builder.AddJsonFile(appSettings, optional: true, reloadOnChange: false);
        AddEnvironment(builder, sources.Environment);
        builder.AddCommandLine(args, SwitchMappings.ToDictionary(p => p.Key, p => p.Value));
        string? configured;
        try
        {
            configured = builder.Build()[SwitchMappings["--state-dir"]];
        }
        catch (InvalidDataException ex) when (ConfigurationFileException.From(ex, [appSettings]) is { } file)
        {
            throw file;
        }
        return Path.GetFullPath(AgentPaths.ExpandHome(string.IsNullOrWhiteSpace(configured) ? AgentPaths.DefaultStateDirectory() : configured));
    }

    /// <summary>&lt;state directory&gt;/config.json.</summary>
    public static string ConfigFilePath(string stateDirectory) => Path.Combine(stateDirectory, ConfigFileName);

    private static void AddEnvironment(IConfigurationBuilder builder, IReadOnlyDictionary<string, string?>? environment)
    {
        if (environment is null)
        {
            builder.AddEnvironmentVariables(EnvironmentPrefix);
            return;
        }
        // Same mapping as the environment provider: strip the prefix, "__" becomes the ":" section separator.
        builder.AddInMemoryCollection(environment
            .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(e => new KeyValuePair<string, string?>(e.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e.Value)));
    }
}
