using LineAgent.Agent.Cli;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Tests.Operations;
using LineAgent.Agent.Tests.Operations.Launchd;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Cli;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are the point of these tests
public class InstallCommandTests
{
    private static readonly Func<TimeSpan, CancellationToken, Task> NoDelay = (_, _) => Task.CompletedTask;

    [Fact]
    public async Task Install_WithFakeLaunchctlScript_RunsEachStepAsSeparateArgv()
    {
        using var home = new TempDirectory();
        var spaced = Directory.CreateDirectory(home.Combine("Mac HD")).FullName; // a home with a space: argv must not split
        var log = home.Combine("launchctl.argv");
        var script = home.Combine("launchctl");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            for a in "$@"; do printf '[%s]' "$a" >> '{{log}}'; done
            echo >> '{{log}}'
            if [ "$1" = print ]; then echo 'Could not find service "com.lineagent.agent" in domain for user gui: 501' >&2; exit 113; fi
            exit 0
            """.Replace("\r", ""));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var context = new OperatorContext(new StringWriter(), new StringWriter(), new CliWrapCommandRunner(), spaced, 501, IsMacOS: true,
            "/Applications/LineAgent.app/Contents/MacOS/lineagent", new Dictionary<string, string?>(), home.Combine("app"));

        var exit = await new InstallCommand(context, NoDelay).RunAsync(["--launchctl", script, "--state-dir", home.Combine("state")], CancellationToken.None);

        Assert.True(exit == 0, context.Err());
        var plist = Path.Combine(spaced, "Library", "LaunchAgents", "com.lineagent.agent.plist");
        Assert.Equal(
        [
            "[print][gui/501/com.lineagent.agent]",
            "[enable][gui/501/com.lineagent.agent]",
            $"[bootstrap][gui/501][{plist}]",
            "[kickstart][-k][gui/501/com.lineagent.agent]",
        ], File.ReadAllLines(log));
        Assert.Equal("com.lineagent.agent", PlistXml.ParseDictionary(File.ReadAllText(plist))["Label"]);
    }

    [Fact]
    public async Task Install_DryRun_PrintsPlistWithStateDirectoryAndBundleScripts()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner());

        var exit = await new InstallCommand(context).RunAsync(
            ["--dry-run", "--state-dir", home.Combine("state"), "--env", "LINEAGENT__Observability__MetricsEnabled=true"], CancellationToken.None);

        Assert.Equal(0, exit);
        var plist = PlistXml.ParseDictionary(context.Out());
        var environment = Assert.IsType<Dictionary<string, object>>(plist["EnvironmentVariables"]);
        Assert.Equal(home.Combine("state"), environment["LINEAGENT__Agent__StateDirectory"]);
        Assert.Equal("true", environment["LINEAGENT__Observability__MetricsEnabled"]);
        Assert.Equal("/Applications/LineAgent.app/Contents/Resources/scripts/applescript", environment["LINEAGENT__MessagesDriver__ScriptsDirectory"]);
        Assert.Equal(["/Applications/LineAgent.app/Contents/MacOS/lineagent", "run"], Assert.IsType<List<object>>(plist["ProgramArguments"]));
        Assert.False(File.Exists(Path.Combine(home.Path, "Library", "LaunchAgents", "com.lineagent.agent.plist")));
    }

    [Fact]
    public async Task Install_OnLinux_SaysNotApplicableAndRunsNothing()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner();
        var context = OperatorContexts.Create(home, runner, isMacOS: false);

        var exit = await new InstallCommand(context).RunAsync([], CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("n/a on Linux", context.Err());
        Assert.Empty(runner.Calls);
    }

    [Theory]
    [InlineData("--env", "NOEQUALS")]
    [InlineData("--env", "1BAD=x")]
    [InlineData("--label", "../evil")]
    [InlineData("--throttle-interval", "0")]
    [InlineData("--bogus", "x")]
    public async Task Install_BadArguments_AreUsageErrors(string option, string value)
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner());

        Assert.Equal(2, await new InstallCommand(context).RunAsync([option, value, "--dry-run"], CancellationToken.None));
        Assert.Empty(context.Out());
    }

    [Fact]
    public async Task Uninstall_ThenStatus_ReportsNotInstalled()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("launchctl", ["print"], FakeCommandRunner.Exit(113, "Could not find service"));
        var context = OperatorContexts.Create(home, runner);

        Assert.Equal(0, await new UninstallCommand(context, NoDelay).RunAsync([], CancellationToken.None));
        Assert.Contains("not installed", context.Out());
        Assert.Equal(3, await new StatusCommand(context).RunAsync(["--json"], CancellationToken.None));
        Assert.Contains("\"installed\":false", context.Out());
    }

    [Fact]
    public async Task Status_Running_ExitsZeroWithPid()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("launchctl", ["print"], FakeCommandRunner.Ok("gui/501/com.lineagent.agent = {\n\tstate = running\n\tpid = 77\n}\n"));
        var context = OperatorContexts.Create(home, runner);

        Assert.Equal(0, await new StatusCommand(context).RunAsync([], CancellationToken.None));
        Assert.Contains("running (pid 77)", context.Out());
    }
}
