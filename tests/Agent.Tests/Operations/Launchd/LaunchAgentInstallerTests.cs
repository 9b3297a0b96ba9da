using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Operations.Launchd;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are the point of these tests
public class LaunchAgentInstallerTests
{
    private const string Target = "gui/501/com.lineagent.agent";
    private static readonly CommandResult NotLoaded = new(113, "", "Could not find service \"com.lineagent.agent\" in domain for user gui: 501");
    private static readonly Func<TimeSpan, CancellationToken, Task> NoDelay = (_, _) => Task.CompletedTask;

    private static (LaunchAgentInstaller, LaunchAgentLayout) Create(FakeCommandRunner runner, TempDirectory home) =>
        (new LaunchAgentInstaller(new Launchctl(runner), 501, NoDelay), new LaunchAgentLayout(home.Path, "com.lineagent.agent"));

    [Fact]
    public async Task InstallAsync_NotLoaded_WritesPlistThenEnablesBootstrapsAndKickstarts()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("launchctl", ["print"], NotLoaded).On("launchctl", [], FakeCommandRunner.Ok());
        var (installer, layout) = Create(runner, home);

        await installer.InstallAsync(layout, "<plist/>", CancellationToken.None);

        Assert.Equal(
        [
            $"launchctl print {Target}",
            $"launchctl enable {Target}",
            $"launchctl bootstrap gui/501 {layout.PlistPath}",
            $"launchctl kickstart -k {Target}",
        ], runner.CallLines());
        Assert.Equal("<plist/>", File.ReadAllText(layout.PlistPath));
        Assert.True(Directory.Exists(layout.LogDirectory));
        // launchd refuses agent plists that others can write.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(layout.PlistPath));
    }

    [Fact]
    public async Task InstallAsync_AlreadyLoaded_BootsOutAndWaitsUntilUnloadedBeforeBootstrapping()
    {
        using var home = new TempDirectory();
        var prints = 0;
        // Loaded for the first check and once more after bootout (launchd is still tearing it down), then gone.
        var runner = new FakeCommandRunner()
            .On("launchctl", ["print"], () => ++prints <= 2 ? FakeCommandRunner.Ok("state = running") : NotLoaded)
            .On("launchctl", [], FakeCommandRunner.Ok());
        var (installer, layout) = Create(runner, home);

        await installer.InstallAsync(layout, "<plist/>", CancellationToken.None);

        Assert.Equal(
        [
            $"launchctl print {Target}",
            $"launchctl bootout {Target}",
            $"launchctl print {Target}",
            $"launchctl print {Target}",
            $"launchctl enable {Target}",
            $"launchctl bootstrap gui/501 {layout.PlistPath}",
            $"launchctl kickstart -k {Target}",
        ], runner.CallLines());
    }

    [Fact]
    public async Task InstallAsync_NoGuiSession_ExplainsThatSomeoneMustBeLoggedIn()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner()
            .On("launchctl", ["print"], NotLoaded)
            .On("launchctl", ["bootstrap"], new CommandResult(125, "", "Bootstrap failed: 125: Domain does not support specified action"))
            .On("launchctl", [], FakeCommandRunner.Ok());
        var (installer, layout) = Create(runner, home);

        var ex = await Assert.ThrowsAsync<LaunchAgentException>(() => installer.InstallAsync(layout, "<plist/>", CancellationToken.None));

        Assert.Contains("bootstrap", ex.Message);
        Assert.Contains("automatic login", ex.Message);
        Assert.DoesNotContain(runner.CallLines(), l => l.StartsWith("launchctl kickstart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UninstallAsync_Loaded_BootsOutAndDeletesThePlist()
    {
        using var home = new TempDirectory();
        var prints = 0;
        var runner = new FakeCommandRunner()
            .On("launchctl", ["print"], () => ++prints == 1 ? FakeCommandRunner.Ok() : NotLoaded)
            .On("launchctl", [], FakeCommandRunner.Ok());
        var (installer, layout) = Create(runner, home);
        Directory.CreateDirectory(Path.GetDirectoryName(layout.PlistPath)!);
        File.WriteAllText(layout.PlistPath, "<plist/>");

        var steps = await installer.UninstallAsync(layout, CancellationToken.None);

        Assert.Equal([$"launchctl print {Target}", $"launchctl bootout {Target}", $"launchctl print {Target}"], runner.CallLines());
        Assert.False(File.Exists(layout.PlistPath));
        Assert.Equal(2, steps.Count);
    }

    [Fact]
    public async Task UninstallAsync_NotInstalled_ChangesNothing()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("launchctl", ["print"], NotLoaded);
        var (installer, layout) = Create(runner, home);

        Assert.Empty(await installer.UninstallAsync(layout, CancellationToken.None));
        Assert.Equal([$"launchctl print {Target}"], runner.CallLines());
    }

    [Fact]
    public async Task UninstallAsync_ServiceNeverUnloads_FailsWithTheManualCommand()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner().On("launchctl", [], FakeCommandRunner.Ok());
        var (installer, layout) = Create(runner, home);

        var ex = await Assert.ThrowsAsync<LaunchAgentException>(() => installer.UninstallAsync(layout, CancellationToken.None));
        Assert.Contains($"launchctl bootout {Target}", ex.Message);
    }

    [Fact]
    public void Status_ParsesTopLevelFieldsOfLaunchctlPrint()
    {
        const string print = "gui/501/com.lineagent.agent = {\n\tactive count = 1\n\tpath = /Users/line/Library/LaunchAgents/com.lineagent.agent.plist\n" +
                             "\ttype = LaunchAgent\n\tstate = running\n\n\tprogram = /Applications/LineAgent.app/Contents/MacOS/lineagent\n" +
                             "\tendpoints = {\n\t\tstate = waiting\n\t}\n\truns = 3\n\tpid = 4242\n\tlast exit code = 1\n}\n";

        var status = LaunchAgentStatus.Parse(true, FakeCommandRunner.Ok(print));

        Assert.True(status.Loaded);
        Assert.True(status.Running);
        Assert.Equal(4242, status.Pid);
        Assert.Equal(3, status.Runs);
        Assert.Equal("1", status.LastExitCode);
    }
}
