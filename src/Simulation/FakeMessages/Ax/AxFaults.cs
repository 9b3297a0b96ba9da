namespace LineAgent.FakeMessages.Ax;

/// <summary>
/// The misfires and session states the fake can be put in (reference §7.3 item 5, §5). Each one makes a blind
/// navigator do the wrong thing visibly; the real navigator must notice and fail closed.
/// </summary>
public sealed class AxFaults
{
    /// <summary>AXIsProcessTrusted() is false; every tree call answers APIDisabled.</summary>
    public bool Untrusted { get; set; }

    /// <summary>The session is locked: the app lists itself as its child, windows are gone.</summary>
    public bool Locked { get; set; }

    /// <summary>Stale grant after re-signing (CO §4): trusted, but the app is its own child and windows are unreadable.</summary>
    public bool StaleGrant { get; set; }

    /// <summary>Messages has no window at all.</summary>
    public bool NoWindow { get; set; }

    /// <summary>Deep links do nothing (URL dispatch failed): whatever was shown stays shown.</summary>
    public bool LinksIgnored { get; set; }

    /// <summary>The next conversation link shows this other chat instead (merged contacts, search-active links).</summary>
    public string? NextLinkShowsChat { get; set; }

    /// <summary>Right after a selected message cell is first read, a new message arrives and every row shifts by one.</summary>
    public bool ScrollAfterFind { get; set; }

    /// <summary>AXCancel on the reply overlay does not close it.</summary>
    public bool OverlayStuck { get; set; }

    /// <summary>Setting AXFocused on the compose field leaves the focus in the sidebar search field.</summary>
    public bool FocusStolen { get; set; }

    /// <summary>
    /// The next PerformAction on an element whose path contains this (e.g. "/picker/") applies its effect, then
    /// answers CannotComplete (Apple: "does not necessarily mean that the function has failed").
    /// </summary>
    public string? CannotCompleteOn { get; set; }

    /// <summary>The next Return is swallowed (Beeper: "in some random cases hitting enter will not send").</summary>
    public bool ReturnIgnored { get; set; }

    /// <summary>The next Cmd-V does nothing (the paste did not take: Messages busy, or a layout where the key is not V).</summary>
    public bool PasteIgnored { get; set; }

    /// <summary>Reading the pasteboard would raise macOS 15.4+'s privacy alert (access behaviour not "Always Allow").</summary>
    public bool PasteboardPrivate { get; set; }

    /// <summary>Right after the agent writes its file URLs, a human copies this text (the change count moves on).</summary>
    public string? HumanCopiesAfterWrite { get; set; }

    /// <summary>The tree has an unexpected shape: no To-field and no compose field (a layout Apple changed).</summary>
    public bool UnexpectedShape { get; set; }

    /// <summary>
    /// Message-cell actions this Messages does not offer, by localisation key ("edit.button", "UNDO_SEND_ACTION"): a build
    /// where Apple moved or renamed one element, so only the action that needs it must fail.
    /// </summary>
    public HashSet<string> MissingActions { get; } = [];

    /// <summary>Messages' localisation tables cannot be read (the driver falls back to the titles peers saw).</summary>
    public bool NoLocalisedStrings { get; set; }

    /// <summary>The transcript is virtualised to this many rows (HG: ~14–17 on a 1512×868 window).</summary>
    public int ViewportRows { get; set; } = 15;
}

/// <summary>The fake's settle delays (reference §B), so a navigator that does not wait fails.</summary>
public sealed class AxSettle
{
    /// <summary>A deep link changes the window this long after it is opened. Default 150 ms.</summary>
    public TimeSpan Link { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The tapback picker appears this long after its action (Beeper waits 0.75 s). Default 300 ms.</summary>
    public TimeSpan Picker { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Shortens every delay (tests): each is multiplied by this. Default 1.</summary>
    public double Scale { get; set; } = 1;

    internal TimeSpan Of(TimeSpan delay) => delay * Scale;
}
