namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// Automation → System Events, a separate toggle from Messages. Read from probe-accessibility.applescript: an
/// Accessibility failure means System Events answered, so this grant works.
/// </summary>
public sealed class SystemEventsAutomationCheck : DoctorCheck
{
    /// <summary>The probe shared with the Messages driver: presses Shift through System Events.</summary>
    public const string ProbeScript = "probe-accessibility.applescript";

    public override string Id => "automation-system-events";
    public override string Title => "Automation → System Events";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("Apple events and privacy (TCC) grants are macOS-only");
        var probe = await context.RunScriptOnceAsync(ProbeScript, cancellationToken);
        if (!probe.Succeeded && probe.Started && AppleScriptError.IsAccessibilityDenied(probe.StandardError))
            return Pass("this process may send Apple events to System Events");
        return MessagesAutomationCheck.AutomationVerdict(this, probe, "System Events", context.ProcessPath);
    }
}
