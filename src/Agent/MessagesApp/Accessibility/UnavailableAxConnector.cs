namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Off macOS without a simulator socket: there is no accessibility backend to run, like a missing osascript
/// (ScriptUnavailable: the probes report "unknown", every UI action fails before touching anything).
/// </summary>
internal sealed class UnavailableAxConnector : IAxConnector
{
    public IAxApplication Connect() =>
        throw new MessagesDriverException(MessagesFailureKind.ScriptUnavailable, null,
            "unavailable: the accessibility driver needs macOS (or MessagesDriver:AccessibilitySocket for the simulator); nothing was done.",
            nothingSent: true, AxFailures.Source, null);
}
