using LineAgent.Agent.MessagesApp;

namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// Accessibility: needed for tapbacks, typing indicators, group creation, participants and rich links. Asked through
/// the accessibility API itself (AXIsProcessTrusted, no keystroke, no prompt) AND by reading Messages' main window
/// and transcript: a stale grant after an update or re-signing reports trusted while the tree is unreadable.
/// </summary>
public sealed class AccessibilityCheck : DoctorCheck
{
    public override string Id => "accessibility";
    public override string Title => "Accessibility";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS && !context.HasSimulatedAccessibility) return NotApplicable("Accessibility is a macOS privacy grant");
        try
        {
            await context.AccessibilityProbe(cancellationToken);
            return Pass("trusted, and Messages' window and transcript are readable (checked without a keystroke)");
        }
        catch (MessagesDriverException ex) when (ex.Kind == MessagesFailureKind.AccessibilityDenied)
        {
            return Fail("not granted: tapbacks, typing, group creation, participants and rich links will fail",
                $"System Settings › Privacy & Security › Accessibility › add and turn on LineAgent.app (for this doctor run also {context.ProcessPath} " +
                $"or its terminal): {SystemSettings.Open(SystemSettings.Accessibility)}");
        }
        catch (MessagesDriverException ex) when (ex.Message.Contains("stale grant", StringComparison.Ordinal))
        {
            return Fail("granted but unreadable (a stale grant after an update or re-signing)",
                $"System Settings › Privacy & Security › Accessibility › select LineAgent, remove it with −, add it again: {SystemSettings.Open(SystemSettings.Accessibility)}");
        }
        catch (MessagesDriverException ex)
        {
            return Fail(ex.Message, "open Messages with its main window on a conversation, keep the session unlocked, then run doctor again");
        }
    }
}
