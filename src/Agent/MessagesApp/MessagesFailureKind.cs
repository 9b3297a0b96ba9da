namespace LineAgent.Agent.MessagesApp;

/// <summary>Why a Messages script failed, from osascript's stderr code (reference messages-automation.md §3.2).</summary>
public enum MessagesFailureKind
{
    /// <summary>Unrecognised failure; the raw stderr is kept.</summary>
    Unknown,
    /// <summary>-1728: chat, buddy or account not found (unknown GUID, never-contacted DM via chat id, SMS not set up).</summary>
    NotFound,
    /// <summary>-1743: Automation permission to control Messages (or System Events) is denied.</summary>
    AutomationDenied,
    /// <summary>-1744: Automation permission was never decided; a consent prompt would be needed.</summary>
    AutomationConsentRequired,
    /// <summary>-1719 (assistive access) / -25211 / 1002: Accessibility is not granted to the responsible process.</summary>
    AccessibilityDenied,
    /// <summary>-1719 (invalid index) in a UI script: an expected window element is missing (layout changed, session locked).</summary>
    UiElementMissing,
    /// <summary>-1712: Messages did not answer the Apple event in time (busy or hung). Ambiguous: it may have sent.</summary>
    AppleEventTimedOut,
    /// <summary>-600: Messages is not running. Nothing was sent.</summary>
    MessagesNotRunning,
    /// <summary>-609: the connection to Messages broke during the event (it quit or crashed). Ambiguous.</summary>
    ConnectionInvalid,
    /// <summary>-1700: a value could not be coerced (e.g. "any" used as a service type).</summary>
    BadValue,
    /// <summary>-1708 and other argument errors: the script was called with the wrong arguments.</summary>
    BadArguments,
    /// <summary>"not a member": the account left or was removed from the group.</summary>
    NotAMember,
    /// <summary>The script ran longer than the configured timeout and was killed. Ambiguous: it may have sent.</summary>
    TimedOut,
    /// <summary>The script file or the osascript program could not be found or started.</summary>
    ScriptUnavailable,
    /// <summary>9100 (raised by the send scripts): Messages has no account of the service the send needs (e.g. no SMS forwarding). Nothing was sent.</summary>
    NoServiceAccount,
    /// <summary>A probe did not run because a send or UI action held Messages; it is tried again later.</summary>
    Busy,
    /// <summary>
    /// The UI cannot be driven safely right now (screen locked, no usable Messages window, stale grant, an action not
    /// built or not proven on this macOS). Nothing was done; the message says why.
    /// </summary>
    UiUnavailable,
    /// <summary>The selected conversation or message could not be proven to be the target. Nothing was done.</summary>
    WrongConversation,
    /// <summary>An accessibility action was performed but its outcome is unknown (CannotComplete, focus lost mid-way).</summary>
    UiAmbiguous,
}
