using LineAgent.Agent.Cli;
using System.Text.Json;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Tests.Operations;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Cli;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are the point of these tests
public class InitCommandTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Init_WritesConfigAndTokenOwnerOnly_AndDoesNotPrintTheToken()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner());
        var state = home.Combine("state");

        Assert.Equal(0, await new InitCommand(context).RunAsync(["--state-dir", state, "--chat-db", home.Combine("chat.db")], CancellationToken.None));

        var token = File.ReadAllText(Path.Combine(state, "grpc.token")).Trim();
        Assert.True(token.Length >= 43, token.Length.ToString());
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(state, "grpc.token")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(state, "config.json")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
        Assert.DoesNotContain(token, context.Out());
        // The file is a configuration layer the agent reads back.
        var configuration = AgentConfiguration.Build(["--state-dir", state], context.ConfigurationSources);
        Assert.Equal(home.Combine("chat.db"), configuration["Agent:ChatDbPath"]);
        Assert.Equal("False", configuration["Observability:MetricsEnabled"]);
    }

    [Fact]
    public async Task Init_EmptyChatDb_ConfigurationErrorAndWritesNothing()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner());
        var state = home.Combine("state");
        var stderr = new StringWriter();

        var code = await new InitCommand(context).RunAsync(["--state-dir", state, "--chat-db", ""], CancellationToken.None, new StringWriter(), stderr);

        Assert.Equal(ConfigurationException.ExitCode, code);
        Assert.Contains("--chat-db is empty", stderr.ToString());
        Assert.False(Directory.Exists(state));
    }

    [Fact]
    public async Task Init_ShowToken_PrintsIt()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner());
        var state = home.Combine("state");

        await new InitCommand(context).RunAsync(["--state-dir", state, "--show-token"], CancellationToken.None);

        Assert.Contains("token: " + File.ReadAllText(Path.Combine(state, "grpc.token")).Trim(), context.Out());
    }

    [Fact]
    public async Task Init_SecondRun_KeepsTokenAndConfigUnlessAsked()
    {
        using var home = new TempDirectory();
        var state = home.Combine("state");
        await new InitCommand(OperatorContexts.Create(home, new FakeCommandRunner())).RunAsync(["--state-dir", state], CancellationToken.None);
        var tokenPath = Path.Combine(state, "grpc.token");
        var configPath = Path.Combine(state, "config.json");
        var firstToken = File.ReadAllText(tokenPath);
        File.WriteAllText(configPath, """{ "Agent": { "ChatDbPath": "/edited/by/operator" } }""");

        await new InitCommand(OperatorContexts.Create(home, new FakeCommandRunner())).RunAsync(["--state-dir", state], CancellationToken.None);
        Assert.Equal(firstToken, File.ReadAllText(tokenPath));
        Assert.Contains("/edited/by/operator", File.ReadAllText(configPath));

        await new InitCommand(OperatorContexts.Create(home, new FakeCommandRunner())).RunAsync(["--state-dir", state, "--rotate-token", "--force"], CancellationToken.None);
        Assert.NotEqual(firstToken, File.ReadAllText(tokenPath));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(tokenPath));
        using var json = JsonDocument.Parse(File.ReadAllText(configPath));
        Assert.NotEqual("/edited/by/operator", json.RootElement.GetProperty("Agent").GetProperty("ChatDbPath").GetString());
    }

    [Fact]
    public async Task Init_StateDirectoryFromEnvironment_IsUsedWhenNoFlag()
    {
        using var home = new TempDirectory();
        var state = home.Combine("from-env");
        var context = OperatorContexts.Create(home, new FakeCommandRunner(),
            environment: new() { ["LINEAGENT__Agent__StateDirectory"] = state });

        await new InitCommand(context).RunAsync([], CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(state, "config.json")));
    }
}
