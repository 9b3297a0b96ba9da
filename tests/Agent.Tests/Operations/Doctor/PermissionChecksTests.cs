using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Operations.Doctor.Checks;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Operations.Doctor;

public class PermissionChecksTests
{
    private const string Accounts = "probe-accounts.applescript";
    private const string Accessibility = "probe-accessibility.applescript";

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

    [Fact]
    public async Task Accessibility_Missing_SystemEventsPassesAndAccessibilityFailsWithDeepLink()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner();
        var context = DoctorContexts.Create(home, runner);
        runner.On("osascript", [DoctorContexts.Script(context, Accessibility)],
            FakeCommandRunner.Exit(1, "execution error: System Events got an error: osascript is not allowed assistive access. (-25211)"));

        var systemEvents = await Run(new SystemEventsAutomationCheck(), context);
        var accessibility = await Run(new AccessibilityCheck(), context);

        Assert.Equal(CheckStatus.Pass, systemEvents.Status);
        Assert.Equal(CheckStatus.Fail, accessibility.Status);
        Assert.Contains(SystemSettings.Accessibility, accessibility.Fix);
        Assert.Contains("LineAgent.app", accessibility.Fix);
    }

    [Fact]
    public async Task SystemEvents_Denied_FailsBothWithTheRightCause()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner();
        var context = DoctorContexts.Create(home, runner);
        runner.On("osascript", [DoctorContexts.Script(context, Accessibility)],
            FakeCommandRunner.Exit(1, "execution error: Not authorized to send Apple events to System Events. (-1743)"));

        var systemEvents = await Run(new SystemEventsAutomationCheck(), context);
        var accessibility = await Run(new AccessibilityCheck(), context);

        Assert.Equal(CheckStatus.Fail, systemEvents.Status);
        Assert.Contains(SystemSettings.Automation, systemEvents.Fix);
        Assert.Equal(CheckStatus.Fail, accessibility.Status);
        Assert.Contains("Automation → System Events", accessibility.Detail);
    }

    [Fact]
    public async Task SystemEventsAndAccessibility_ProbeSucceeds_BothPass()
    {
        using var home = new TempDirectory();
        var runner = new FakeCommandRunner();
        var context = DoctorContexts.Create(home, runner);
        runner.On("osascript", [DoctorContexts.Script(context, Accessibility)], FakeCommandRunner.Ok("ok\n"));

        Assert.Equal(CheckStatus.Pass, (await Run(new SystemEventsAutomationCheck(), context)).Status);
        Assert.Equal(CheckStatus.Pass, (await Run(new AccessibilityCheck(), context)).Status);
    }

    [Fact]
    public async Task ProbeScriptMissing_FailsNamingThePath()
    {
        using var home = new TempDirectory();
        var context = DoctorContexts.Create(home, new FakeCommandRunner());
        File.Delete(DoctorContexts.Script(context, Accessibility));

        var result = await Run(new AccessibilityCheck(), context);

        Assert.Equal(CheckStatus.Fail, result.Status);
        Assert.Contains(DoctorContexts.Script(context, Accessibility), result.Detail);
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
