namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// One UI action in progress: the connection, the navigator, and what the action changed so far, so the cleanup on
/// every path (success or failure) can close what it opened and clear the draft it left. <see cref="Committed"/>
/// turns true just before the step that can have the action's effect (Return, a picker press): from then on every
/// failure is ambiguous and goes to chat.db, never to a retry.
/// </summary>
public sealed class AxSession(IAxApplication app, AxNavigator navigator, Action? beforeAct)
{
    private bool _changed;

    public IAxApplication App => app;

    public AxNavigator Nav => navigator;

    /// <summary>The effect-capable step has started.</summary>
    public bool Committed { get; private set; }

    /// <summary>A picker or sheet this action opened (closed by the cleanup).</summary>
    public IAxElement? OpenedPopup { get; set; }

    /// <summary>Text this action put into a compose field and that was not sent yet (cleared by the cleanup).</summary>
    public (IAxElement Field, string Text)? Draft { get; set; }

    /// <summary>Runs a UI change; the first one announces the action (beforeAct: the outbox records it durably).</summary>
    public void Change(Action change)
    {
        if (!_changed)
        {
            _changed = true;
            beforeAct?.Invoke();
        }
        change();
    }

    /// <summary>Runs the effect-capable step: after this, failures are ambiguous.</summary>
    public void Commit(Action effect)
    {
        Change(() => { });
        Committed = true;
        effect();
    }

    /// <summary>The main window, waited for; fails closed (with the reason) when Messages has none usable.</summary>
    public async Task<IAxElement> MainWindowAsync(CancellationToken cancellationToken) =>
        await navigator.WaitForAsync(navigator.MainWindow, navigator.Timings.WindowTimeout, cancellationToken)
        ?? throw NoWindow();

    /// <summary>Refuses when Accessibility is not granted, the screen is locked, or there is no usable window.</summary>
    public async Task PreflightAsync(CancellationToken cancellationToken)
    {
        if (!app.IsTrusted)
            throw AxFailures.NotTrusted();
        if (app.IsScreenLocked)
            throw AxFailures.Unavailable("the screen is locked; UI actions need an unlocked, logged-in session (Screen Sharing can unlock it).");
        await MainWindowAsync(cancellationToken);
    }

    /// <summary>Why there is no main window: a stale grant (the tree lists the app as its own child) or simply none.</summary>
    public MessagesDriverException NoWindow()
    {
        bool stale;
        try
        {
            stale = app.Root.Children.Any(c => c.Role == AxNames.RoleApplication);
        }
        catch (AxException)
        {
            stale = true;
        }
        return stale
            ? AxFailures.Unavailable("Accessibility reports trusted but Messages' window tree is unreadable (a stale grant after an update "
                + "or re-signing, or a locked session): System Settings › Privacy & Security › Accessibility › remove LineAgent with − and add it again.")
            : AxFailures.Unavailable("Messages has no usable window (open Messages and leave its main window open, not minimised).");
    }

    /// <summary>Closes what this action opened and clears its unsent draft. Never throws (the action's own result wins).</summary>
    public void Cleanup()
    {
        Try(() =>
        {
            if (OpenedPopup is { } popup)
                popup.PerformAction(AxNames.Cancel);
        });
        Try(() =>
        {
            if (Draft is { } draft && draft.Field.Value == draft.Text)
                draft.Field.SetValue("");
        });
        Try(() =>
        {
            if (navigator.MainWindow() is { } window && navigator.ReplyTranscript(window) is { } overlay)
                overlay.PerformAction(AxNames.Cancel);
        });
    }

    private static void Try(Action step)
    {
        try
        {
            step();
        }
        catch (AxException)
        {
            // Gone already (re-rendered) or Messages busy: nothing more to close.
        }
    }
}
