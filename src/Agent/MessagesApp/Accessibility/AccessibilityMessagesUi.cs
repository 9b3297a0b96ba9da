using Microsoft.Extensions.Options;

namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// <see cref="IMessagesUi"/> over Messages' accessibility tree. Every action takes the one <see cref="MessagesUiLock"/>,
/// refuses when Accessibility is missing, the screen is locked or there is no usable window, proves the shown
/// conversation (and message) is the target, acts only on verified elements, and cleans up on every path.
/// A successful return means the UI accepted the action; chat.db decides whether it happened.
/// </summary>
public sealed partial class AccessibilityMessagesUi(IAxConnector connector, MessagesUiLock uiLock, IConversationDirectory directory,
    IOptions<MessagesDriverOptions> options, TimeProvider time) : IMessagesUi, IAccessibilityProbe
{
    private AxTimings Timings => options.Value.AccessibilityTimings;

    /// <summary>
    /// Runs one action under the UI lock, off the caller's thread (AX calls block for up to their messaging timeout),
    /// with preflight before and cleanup after. AX errors become typed driver failures: "nothing done" before the
    /// commit point, ambiguous after it.
    /// </summary>
    private async Task RunAsync(Func<AxSession, CancellationToken, Task> body, Action? beforeAct, CancellationToken cancellationToken)
    {
        using var held = await uiLock.AcquireAsync(cancellationToken);
        await Task.Run(async () =>
        {
            using var app = connector.Connect();
            var session = new AxSession(app, new AxNavigator(app, Timings, time), beforeAct);
            try
            {
                await session.PreflightAsync(cancellationToken);
                await body(session, cancellationToken);
            }
            catch (AxException ex)
            {
                throw session.Committed
                    ? AxFailures.Ambiguous($"Messages reported {ex.Error} during the action")
                    : AxFailures.Before(ex);
            }
            finally
            {
                session.Cleanup();
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var held = await uiLock.AcquireForProbeAsync(cancellationToken);
        await Task.Run(() => AxHealth.Check(connector, Timings, time), cancellationToken);
    }
}
