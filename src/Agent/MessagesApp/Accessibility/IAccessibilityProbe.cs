namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Whether UI actions can run now, asked without acting (no keystroke, no deep link): AXIsProcessTrusted, an unlocked
/// session, AND a real Messages window with a transcript — a stale grant after re-signing reports trusted while the
/// tree is unreadable (reference §5.2). Throws <see cref="MessagesDriverException"/> with the reason otherwise.
/// </summary>
public interface IAccessibilityProbe
{
    /// <summary>Runs between actions (under the shared UI lock, "busy" after a short wait).</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
