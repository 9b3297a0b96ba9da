namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// The accessibility health check shared by GetLine's probe and `lineagent doctor`: AXIsProcessTrusted (never
/// prompts, never a keystroke), an unlocked session, AND a real Messages main window whose transcript is readable —
/// a stale grant after an update or re-signing reports trusted while the tree is unreadable (reference §5.2).
/// </summary>
public static class AxHealth
{
    /// <summary>Throws <see cref="MessagesDriverException"/> with the reason and the fix when UI actions cannot run.</summary>
    public static void Check(IAxConnector connector, AxTimings timings, TimeProvider time)
    {
        using var app = connector.Connect();
        var nav = new AxNavigator(app, timings, time);
        try
        {
            if (!app.IsTrusted)
                throw AxFailures.NotTrusted();
            if (app.IsScreenLocked)
                throw AxFailures.Unavailable("the screen is locked; UI actions need an unlocked, logged-in session.");
            var window = nav.MainWindow() ?? throw new AxSession(app, nav, null).NoWindow();
            if (nav.Transcript(window) is null)
                throw AxFailures.Unavailable("Messages' window shows no transcript (select a conversation, or the grant is stale).");
        }
        catch (AxException ex)
        {
            throw AxFailures.Before(ex);
        }
    }
}
