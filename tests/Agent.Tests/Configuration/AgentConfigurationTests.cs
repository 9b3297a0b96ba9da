using LineAgent.Agent.Configuration;
using LineAgent.Agent.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Configuration;

public class AgentConfigurationTests
{
    private const string Key = "Agent:ChatDbPath";

    /// <summary>appsettings.json in "app", config.json in "state"; each layer sets Agent:ChatDbPath to its own name.</summary>
    private sealed class Layers : IDisposable
    {
        private readonly TempDirectory _root = new();
        public string App => _root.Combine("app");
        public string State => _root.Combine("state");
        public Dictionary<string, string?> Environment { get; } = new() { ["UNRELATED"] = "x", ["LINEAGENT__Agent__StateDirectory"] = null };

        public Layers(bool appSettings = true, bool stateFile = true, bool environment = true)
        {
            Directory.CreateDirectory(App);
            Directory.CreateDirectory(State);
            if (appSettings) File.WriteAllText(Path.Combine(App, "appsettings.json"), """{ "Agent": { "ChatDbPath": "appsettings" } }""");
            if (stateFile) File.WriteAllText(Path.Combine(State, "config.json"), """{ "Agent": { "ChatDbPath": "config.json" } }""");
            Environment["LINEAGENT__Agent__StateDirectory"] = State;
            if (environment) Environment["LINEAGENT__Agent__ChatDbPath"] = "environment";
        }

        public string? Read(params string[] args) => AgentConfiguration.Build(args, new AgentConfigurationSources(App, Environment))[Key];

        public void Dispose() => _root.Dispose();
    }

    [Fact]
    public void Build_OnlyAppSettings_ReadsIt()
    {
        using var layers = new Layers(stateFile: false, environment: false);
        Assert.Equal("appsettings", layers.Read());
    }

    [Fact]
    public void Build_StateDirectoryConfigFile_OverridesAppSettings()
    {
        using var layers = new Layers(environment: false);
        Assert.Equal("config.json", layers.Read());
    }

    [Fact]
    public void Build_EnvironmentVariable_OverridesConfigFile()
    {
        using var layers = new Layers();
        Assert.Equal("environment", layers.Read());
    }

    [Fact]
    public void Build_CommandLine_OverridesEnvironment_InBothSpellings()
    {
        using var layers = new Layers();
        Assert.Equal("command line", layers.Read("--chat-db", "command line"));
        Assert.Equal("long form", layers.Read("--Agent:ChatDbPath=long form"));
    }

    [Fact]
    public void Build_StateDirectoryFromCommandLine_SelectsWhichConfigFileIsRead()
    {
        using var layers = new Layers(environment: false);
        var other = Path.Combine(Path.GetDirectoryName(layers.State)!, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "config.json"), """{ "Agent": { "ChatDbPath": "other config" } }""");

        Assert.Equal("other config", layers.Read("--state-dir", other));
    }

    [Fact]
    public void Build_EnvironmentPrefixIsRequired_UnprefixedVariablesAreIgnored()
    {
        using var layers = new Layers(environment: false);
        layers.Environment["Agent__ChatDbPath"] = "unprefixed";
        Assert.Equal("config.json", layers.Read());
    }

    [Fact]
    public void Build_MalformedConfigFile_FailsNamingTheFile()
    {
        using var layers = new Layers(environment: false);
        File.WriteAllText(Path.Combine(layers.State, "config.json"), "{ not json");

        var ex = Assert.ThrowsAny<Exception>(() => layers.Read());
        Assert.Contains("config.json", ex.ToString());
    }

    private static string StartupError(Dictionary<string, string?> environment)
    {
        using var root = new TempDirectory();
        var configuration = AgentConfiguration.Build([], new AgentConfigurationSources(root.Path, environment));
        var services = new ServiceCollection();
        services.AddValidatedOptions<AgentOptions>(configuration, AgentOptions.Section);
        services.AddObservability(configuration);
        using var provider = services.BuildServiceProvider();
        var ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return ConfigurationValidation.Describe(ex) ?? throw new Xunit.Sdk.XunitException("not described: " + ex);
    }

    [Fact]
    public void Validation_OutOfRangeValue_NamesTheFullKey()
    {
        var message = StartupError(new() { ["LINEAGENT__Observability__MetricsPort"] = "70000" });
        Assert.StartsWith("invalid configuration: Observability:MetricsPort:", message);
    }

    [Fact]
    public void Validation_UnconvertibleValue_NamesTheFullKey()
    {
        var message = StartupError(new() { ["LINEAGENT__Observability__MetricsPort"] = "ninety" });
        Assert.Contains("Observability:MetricsPort: 'ninety' is not a whole number", message);
    }

    [Fact]
    public void Validation_EmptyRequiredValue_NamesTheFullKey()
    {
        var message = StartupError(new() { ["LINEAGENT__Agent__ChatDbPath"] = "" });
        Assert.Contains("Agent:ChatDbPath:", message);
    }

    [Fact]
    public void Validation_MetricsPortEqualToGrpcPort_IsRejected()
    {
        var message = StartupError(new()
        {
            ["LINEAGENT__Observability__MetricsEnabled"] = "true",
            ["LINEAGENT__Observability__MetricsPort"] = "50551",
            ["LINEAGENT__Grpc__Port"] = "50551",
        });
        Assert.Contains("Observability:MetricsPort: must differ from Grpc:Port", message);
    }

    [Fact]
    public void Describe_UnrelatedException_ReturnsNull() =>
        Assert.Null(ConfigurationValidation.Describe(new InvalidOperationException("something else")));
}
