using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Operations.Doctor.Checks;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Operations.Doctor;

public class PermissionChecksTests
{
    private const string Accounts = "probe-accounts.applescript";

    private static FakeCommandRunner MessagesRunning(bool running = true) =>
        new FakeCommandRunner().On("pgrep", ["-x", "Messages"], running ? FakeCommandRunner.Ok("812\n") : FakeCommandRunner.Exit(1));

    private static async Task<DoctorCheckResult> Run(IDoctorCheck check, DoctorContext context) =>
        await check.RunAsync(context, CancellationToken.None);

    [Fact]
    public async Task Messages_NotRunning_FailsWithOpenCommandAndNeverLaunchesIt()
    {
        using var home = new TempDirectory();
        var runner = MessagesRunning(false);
        var context = DoctorContexts.Create(home, runner);

        var messages = await Run(new MessagesCheck(), context);
        var automation = await Run(new MessagesAutomationCheck(), context);

        Assert.Equal(CheckStatus.Fail, messages.Status);
        Assert.Contains("open -g -a Messages", messages.Fix);
        Assert.Equal(CheckStatus.Fail, automation.Status);
        Assert.Contains("not checked", automation.Detail);
        Assert.DoesNotContain(runner.Calls, c => c[0].EndsWith("osascript", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_ConnectedIMessageAccount_PassesAndProbesOnceForBothChecks()
    {
        using var home = new TempDirectory();
        var runner = MessagesRunning();
        var context = DoctorContexts.Create(home, runner);
        runner.On("osascript", [DoctorContexts.Script(context, Accounts)],
            FakeCommandRunner.Ok("E:line@icloud.com\tiMessage\ttrue\tconnected\tline@icloud.com\nS:SMS\tSMS\ttrue\tconnected\tSMS\n"));

        var messages = await Run(new MessagesCheck(), context);
        var automation = await Run(new MessagesAutomationCheck(), context);

        Assert.Equal(CheckStatus.Pass, messages.Status);
        Assert.Contains("iMessage line@icloud.com connected", messages.Detail);
        Assert.Equal(CheckStatus.Pass, automation.Status);
        Assert.Single(runner.Calls, c => c[0].EndsWith("osascript", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("E:x\tiMessage\ttrue\tdisconnected\tline@icloud.com\n")]
    [InlineData("E:x\tiMessage\tfalse\tconnected\tline@icloud.com\n")]
    [InlineData("S:SMS\tSMS\ttrue\tconnected\tSMS\n")]
    [InlineData("")]
    public async Task Messages_NoEnabledConnectedIMessageAccount_Fails(string probeOutput)
    {
        using var home = new TempDirectory();
        var runner = MessagesRunning();
        var context = DoctorContexts.Create(home, runner);
        runner.On("osascript", [DoctorContexts.Script(context, Accounts)], FakeCommandRunner.Ok(probeOutput));

        var result = await Run(new MessagesCheck(), context);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("Messages › Settings › iMessage", result.Fix);
    }

    [Fact]
    public async Task AutomationMessages_Denied_FailsWithAutomationDeepLinkAndReset()
    {
        using var home = new TempDirectory();
        var runner = MessagesRunning();
        var context = DoctorContexts.Create(home, runner);
        runner.On("osascript", [DoctorContexts.Script(context, Accounts)],
            FakeCommandRunner.Exit(1, "166:182: execution error: Not authorized to send Apple events to Messages. (-1743)\n"));

        var automation = await Run(new MessagesAutomationCheck(), context);
        var messages = await Run(new MessagesCheck(), context);

        Assert.Equal(CheckStatus.Fail, automation.Status);
        Assert.Contains("-1743", automation.Detail);
        Assert.Contains(SystemSettings.Automation, automation.Fix);
        Assert.Contains("tccutil reset AppleEvents com.lineagent.agent", automation.Fix);
        Assert.Contains("Automation → Messages is not granted", messages.Detail);
    }

    [Fact]
    public async Task AutomationMessages_WouldPrompt_SaysToRunAtTheScreen()
    {
        using var home = new TempDirectory();
        var runner = MessagesRunning();
        var context = DoctorContexts.Create(home, runner);
        runner.On("osascript", [DoctorContexts.Script(context, Accounts)], FakeCommandRunner.Exit(1, "execution error: … (-1744)"));

        var automation = await Run(new MessagesAutomationCheck(), context);

        Assert.Equal(CheckStatus.Fail, automation.Status);
        Assert.Contains("at the Mac's screen", automation.Fix);
    }

    /// <summary>The doctor's accessibility check against the simulated tree, through the agent's own health probe (no keystroke).</summary>
    private static async Task<DoctorCheckResult> AccessibilityAgainst(Action<LineAgent.FakeMessages.Ax.AxFaults> faults)
    {
        using var home = new TempDirectory();
        using var sim = new SimulatedMessages();
        sim.Db.EnsureDirectChat("+15554440001");
        faults(sim.Ui.Faults);
        var options = Microsoft.Extensions.Options.Options.Create(sim.DriverOptions());
        var connector = LineAgent.Agent.MessagesApp.Accessibility.AxConnectors.For(options);
        var context = DoctorContexts.Create(home, new FakeCommandRunner(), accessibilityProbe: ct => Task.Run(() =>
            LineAgent.Agent.MessagesApp.Accessibility.AxHealth.Check(connector, SimulatedMessages.FastTimings(), TimeProvider.System), ct));
        var result = await Run(new AccessibilityCheck(), context);
        Assert.Empty(sim.Ui.Events);     // the check never acts: no link, no key, no press
        return result;
    }

    [Fact]
    public async Task Accessibility_TrustedWithAReadableWindow_Passes()
    {
        var result = await AccessibilityAgainst(_ => { });

        Assert.Equal(CheckStatus.Pass, result.Status);
    }

    [Fact]
    public async Task Accessibility_NotGranted_FailsWithTheSettingsDeepLink()
    {
        var result = await AccessibilityAgainst(f => f.Untrusted = true);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(SystemSettings.Accessibility, result.Fix);
        Assert.Contains("LineAgent.app", result.Fix);
    }

    [Fact]
    public async Task Accessibility_StaleGrant_TrustedButUnreadable_FailsWithRemoveAndReAdd()
    {
        var result = await AccessibilityAgainst(f => f.StaleGrant = true);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains("stale grant", result.Detail);
        Assert.Contains("remove it with −", result.Fix);
    }

    [Theory]
    [InlineData("locked")]
    [InlineData("nowindow")]
    public async Task Accessibility_LockedOrWindowless_FailsWithTheReason(string state)
    {
        var result = await AccessibilityAgainst(f =>
        {
            f.Locked = state == "locked";
            f.NoWindow = state == "nowindow";
        });

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(state == "locked" ? "locked" : "no usable window", result.Detail);
    }

    [Fact]
    public void AppleScriptError_ReadsTheTrailingNumber()
    {
        Assert.Equal(-1743, AppleScriptError.Number("12:20: execution error: Not authorized to send Apple events to Messages. (-1743)\n"));
        Assert.Null(AppleScriptError.Number("no number here"));
        Assert.True(AppleScriptError.IsAccessibilityDenied("System Events got an error: osascript is not allowed to send keystrokes. (1002)"));
        Assert.False(AppleScriptError.IsAccessibilityDenied(new CommandResult(1, "", "(-1743)").StandardError));
    }
}
