namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>Accessibility (assistive access): needed for tapbacks, typing indicators, group creation, rich links.</summary>
public sealed class AccessibilityCheck : DoctorCheck
{
    public override string Id => "accessibility";
    public override string Title => "Accessibility";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("Accessibility (UI scripting) is a macOS privacy grant");
        var probe = await context.RunScriptOnceAsync(SystemEventsAutomationCheck.ProbeScript, cancellationToken);
        if (probe.Succeeded) return Pass("UI scripting works (a Shift key press was accepted)");
        if (!probe.Started) return Fail(probe.StandardError, "reinstall LineAgent.app (scripts/applescript is part of it)");
        if (AppleScriptError.IsAccessibilityDenied(probe.StandardError))
            return Fail("not allowed assistive access: tapbacks, typing, group creation and rich links will fail",
                $"System Settings › Privacy & Security › Accessibility › add and turn on LineAgent.app (for this doctor run also {context.ProcessPath} " +
                $"or its terminal): {SystemSettings.Open(SystemSettings.Accessibility)}");
        if (AppleScriptError.Number(probe.StandardError) is AppleScriptError.NotAuthorized or AppleScriptError.WouldRequireConsent)
            return Fail("not checked: Automation → System Events is not granted", "fix Automation → System Events first (above)");
        return Fail($"probe failed: {probe.FirstErrorLine()}", $"run the probe by hand to see the error: osascript <scripts>/{SystemEventsAutomationCheck.ProbeScript}");
    }
}
