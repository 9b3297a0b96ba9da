using System.Net;
using System.Net.Sockets;
using LineAgent.Agent.Cli;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.Operations;
using LineAgent.Agent.Tests.Operations.Doctor;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Tests.Configuration;

/// <summary>
/// Configuration refuses what it cannot use, the same way in run, doctor and watch: bad values, unknown keys (with
/// the nearest spelling), a config.json that is not JSON (file and line, exit 78), each printed once without a trace.
/// </summary>
public sealed class ConfigurationRefusalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string? Problem(params (string Key, string Value)[] settings) =>
        AgentHost.ConfigurationProblem(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Theory]
    [InlineData("Pacing:Burst", "lots", "Pacing:Burst: 'lots' is not a whole number")]
    [InlineData("Grpc:Port", "abc", "Grpc:Port: 'abc' is not a whole number")]
    [InlineData("Pacing:MessagesPerSecond", "-1", "Pacing:MessagesPerSecond: ")]
    [InlineData("Correlation:TextTimeout", "15s", "Correlation:TextTimeout: '15s' is not a duration")]
    [InlineData("Observability:LogFormat", "yaml", "Observability:LogFormat: 'yaml' is not one of Auto")]
    [InlineData("Journal:SyncEveryCommit", "yes", "Journal:SyncEveryCommit: 'yes' is not true or false")]
    public void Validation_RefusesTheValuesRunRefuses_NamingTheKey(string key, string value, string expected)
    {
        var problem = Problem((key, value));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Validation_Defaults_AreValid() => Assert.Null(Problem());

    [Theory]
    [InlineData("Pacing:MessagePerSecond", "Pacing:MessagePerSecond: unknown key (did you mean Pacing:MessagesPerSecond?)")]
    [InlineData("grpc:prot", "Grpc:prot: unknown key (did you mean Grpc:Port?)")]
    [InlineData("Pacng:Burst", "Pacng: unknown section (did you mean Pacing?)")]
    public void Validation_UnknownKeyInOurSections_IsRefusedWithTheNearestSpelling(string key, string expected)
    {
        var problem = Problem((key, "2"));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Validation_UnknownKeyWithNoNearMiss_ListsTheSectionsKeys()
    {
        var problem = Problem(("Journal:Frobnicate", "1"));

        Assert.NotNull(problem);
        Assert.Contains("Journal:Frobnicate: unknown key (the keys of Journal are ", problem);
        Assert.Contains("MaxEvents", problem);
    }

    [Fact]
    public void Validation_KeysInAnyCase_AndSectionsNotOurs_AreAccepted()
    {
        // The binder reads keys case-insensitively; Logging belongs to the framework; a section nothing resembles is
        // no typo of ours.
        Assert.Null(Problem(("pacing:messagespersecond", "2"), ("Logging:LogLevel:Default", "Debug"), ("Unrelated:Thing", "x")));
    }

    [Fact]
    public void Validation_CoversEverySectionTheHostRegisters()
    {
        // The one registration (AddValidatedOptions) feeds the check: every section the host binds is in it.
        AgentTestServer.WriteToken(_dir);
        using var app = AgentHost.Build(AgentTestServer.Arguments(_dir));
        var registered = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RegisteredSections>>().Value.Sections.Keys;

        foreach (var section in new[] { "Agent", "Journal", "ChangeFeed", "Outbox", "Pacing", "Correlation", "MessagesDriver", "Grpc", "Attachments", "Observability" })
            Assert.Contains(section, registered);
        foreach (var section in registered)
            Assert.Contains($"{section}:NoSuchKey: unknown key", Problem(($"{section}:NoSuchKey", "1")));
    }

    [Fact]
    public async Task Run_UnknownKey_ExitsConfigurationErrorWithOneLine()
    {
        var (exit, stdout, stderr) = await Cli("run", "--state-dir", _dir.File("state"), "--chat-db", _dir.File("chat.db"),
            "--port", "0", "--Pacing:MessagePerSecond", "2");

        Assert.Equal(78, exit);
        Assert.Equal("lineagent run: invalid configuration: Pacing:MessagePerSecond: unknown key (did you mean Pacing:MessagesPerSecond?)",
            stderr.Trim());
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("doctor")]
    [InlineData("watch")]
    public async Task MalformedConfigJson_IsReportedWithFileAndLine_Exit78(string verb)
    {
        var state = Directory.CreateDirectory(_dir.File("state")).FullName;
        var config = Path.Combine(state, "config.json");
        File.WriteAllText(config, "{\n  \"Pacing\": {\n    \"Burst\": 3,,\n  }\n}\n");

        var (exit, stdout, stderr) = await Cli(verb, "--state-dir", state);

        Assert.Equal(78, exit);
        Assert.StartsWith($"lineagent {verb}: {config}, line 3 column 16: not valid JSON (", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task Watch_RefusesWhatRunRefuses_FromConfigJsonToo()
    {
        var state = Directory.CreateDirectory(_dir.File("state")).FullName;
        File.WriteAllText(Path.Combine(state, "config.json"), """{ "Pacing": { "Burst": "lots" } }""");

        var (exit, _, stderr) = await Cli("watch", "--state-dir", state, "--chat-db", _dir.File("chat.db"));

        Assert.Equal(78, exit);
        Assert.Contains("Pacing:Burst: 'lots' is not a whole number", stderr);
    }

    [Fact]
    public async Task Doctor_ReportsWhatRunRefuses()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner(), isMacOS: false,
            settings: new() { ["Pacing:Burst"] = "lots", ["Pacing:MessagePerSecond"] = "2" });

        var results = await Doctor.RunAsync(context, [new LineAgent.Agent.Operations.Doctor.Checks.ConfigurationCheck()], null, CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("Pacing:Burst: 'lots' is not a whole number", result.Detail);
        Assert.Contains("did you mean Pacing:MessagesPerSecond?", result.Detail);
    }

    [Fact]
    public async Task Start_PortInUse_LogsNoErrorOrCriticalEntry_TheCallerReportsIt()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;
        AgentTestServer.WriteToken(_dir);
        var logger = new ListLogger();
        await using var app = AgentHost.Build(AgentTestServer.Arguments(_dir, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            b => b.Logging.AddProvider(new SingleLoggerProvider(logger)));

        var ex = await Assert.ThrowsAnyAsync<IOException>(() => app.StartAsync());

        Assert.NotNull(LineAgent.Agent.Cli.Commands.RunCommand.Describe(ex));
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Error);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // run reports on its own writer (it is also handed to the host); the other verbs through the dispatcher's.
        var exit = args[0] == "run"
            ? await new LineAgent.Agent.Cli.Commands.RunCommand(stderr).RunAsync(args[1..], CancellationToken.None)
            : await CommandLine.RunAsync(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private sealed class SingleLoggerProvider(ILogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;
        public void Dispose() { }
    }
}
