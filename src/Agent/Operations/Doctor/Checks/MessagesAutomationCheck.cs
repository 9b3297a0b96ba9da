namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>Automation → Messages (Apple events): read from the same probe run as <see cref="MessagesCheck"/>.</summary>
public sealed class MessagesAutomationCheck : DoctorCheck
{
    public override string Id => "automation-messages";
    public override string Title => "Automation → Messages";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("Apple events and privacy (TCC) grants are macOS-only");
        if (!await MessagesCheck.IsRunningAsync(context, cancellationToken))
            return Fail("not checked: Messages is not running (this check never launches it)", "open -g -a Messages, then run lineagent doctor again");
        var probe = await context.RunScriptOnceAsync(MessagesCheck.ProbeScript, cancellationToken);
        return AutomationVerdict(this, probe, "Messages", context.ProcessPath);
    }

    /// <summary>Shared by the Messages and System Events automation checks.</summary>
    internal static DoctorCheckResult AutomationVerdict(DoctorCheck check, CommandResult probe, string target, string processPath)
    {
        var grantee = $"the app that runs the agent (LineAgent.app; for this doctor run: {processPath} or its terminal)";
        if (probe.Succeeded) return new(check.Id, check.Title, CheckStatus.Pass, $"this process may send Apple events to {target}");
        if (!probe.Started) return new(check.Id, check.Title, CheckStatus.Fail, probe.StandardError, "reinstall LineAgent.app (scripts/applescript is part of it)");
        return AppleScriptError.Number(probe.StandardError) switch
        {
            AppleScriptError.NotAuthorized => new(check.Id, check.Title, CheckStatus.Fail,
                $"denied (-1743): Apple events to {target} are not allowed",
                $"System Settings › Privacy & Security › Automation › {grantee} › turn on {target}: {SystemSettings.Open(SystemSettings.Automation)}. " +
                "No entry or a stale one: tccutil reset AppleEvents com.lineagent.agent, then run lineagent doctor at the Mac's screen and click OK"),
            AppleScriptError.WouldRequireConsent => new(check.Id, check.Title, CheckStatus.Fail,
                $"not yet decided (-1744): macOS would ask before allowing Apple events to {target}",
                "run lineagent doctor once at the Mac's screen (not over SSH) and click OK in the prompt, or pre-approve AppleEvents with an MDM PPPC profile"),
            _ => new(check.Id, check.Title, CheckStatus.Fail, $"probe failed: {probe.FirstErrorLine()}",
                $"run the probe by hand to see the error: osascript <scripts>/{MessagesCheck.ProbeScript}"),
        };
    }
}
