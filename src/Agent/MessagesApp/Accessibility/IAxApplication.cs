namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Messages.app as the accessibility API sees it, plus the few things around the tree the driver needs: whether this
/// process is trusted, whether the session is locked, opening a deep link without activating Messages, posting
/// Return or Cmd-V to Messages' process, the general pasteboard, and Messages' own localised titles.
/// </summary>
public interface IAxApplication : IDisposable
{
    /// <summary>AXIsProcessTrusted(): Accessibility is granted to this process (it may still be stale, §5.2).</summary>
    bool IsTrusted { get; }

    /// <summary>The login session is locked (screen lock): nothing may be driven.</summary>
    bool IsScreenLocked { get; }

    /// <summary>The application element (AXUIElementCreateApplication(pid)).</summary>
    IAxElement Root { get; }

    /// <summary>Real windows (role AXWindow) from AXWindows ∪ AXMainWindow ∪ AXFocusedWindow, de-duplicated.</summary>
    IReadOnlyList<IAxElement> Windows { get; }

    /// <summary>The menu bar element; null when unreadable.</summary>
    IAxElement? MenuBar { get; }

    /// <summary>The element that has keyboard focus in Messages; null when none.</summary>
    IAxElement? FocusedElement { get; }

    /// <summary>Opens a Messages deep link in the background (the URL travels as one argument, never as script text).</summary>
    void OpenUrl(string url);

    /// <summary>Posts one Return key press to Messages' process only (never to the frontmost app).</summary>
    void PostReturn();

    /// <summary>Posts one Cmd-V key press to Messages' process only: it pastes into whatever has Messages' keyboard focus.</summary>
    void PostPaste();

    /// <summary>The general pasteboard (shared with the logged-in user: what a paste reads).</summary>
    IPasteboard Pasteboard { get; }

    /// <summary>Messages' own localised string for <paramref name="key"/> (table <paramref name="table"/>); null when unresolvable.</summary>
    string? Localized(AxStringKey key);
}

/// <summary>Opens the accessibility view of the running Messages.</summary>
public interface IAxConnector
{
    /// <summary>
    /// Connects to Messages. Throws <see cref="MessagesDriverException"/> (nothing done) when it cannot: not macOS,
    /// Messages not running, no socket.
    /// </summary>
    IAxApplication Connect();
}
