namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>Off macOS without a simulator socket: every UI action is unavailable, with the reason.</summary>
internal sealed class UnavailableAxConnector : IAxConnector
{
    public IAxApplication Connect() =>
        throw AxFailures.Unavailable("the accessibility driver needs macOS (or MessagesDriver:AccessibilitySocket for the simulator).");
}
