namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>The driver's typed failures. "Nothing done" ones may be reported as failed; the rest go to chat.db.</summary>
public static class AxFailures
{
    /// <summary>The pseudo script name these failures carry (MessagesDriverException.Script).</summary>
    public const string Source = "accessibility";

    /// <summary>The UI cannot be driven now; nothing was done.</summary>
    public static MessagesDriverException Unavailable(string reason) =>
        new(MessagesFailureKind.UiUnavailable, null, "unavailable: " + reason, nothingSent: true, Source, null);

    /// <summary>Accessibility is not granted (AXIsProcessTrusted false or APIDisabled).</summary>
    public static MessagesDriverException NotTrusted() =>
        new(MessagesFailureKind.AccessibilityDenied, (int)AxError.APIDisabled,
            "unavailable: Accessibility is not granted to LineAgent. System Settings › Privacy & Security › Accessibility › "
            + "add and turn on LineAgent.app (after an update remove it with − and add it again).", nothingSent: true, Source, null);

    /// <summary>An element the action needs is missing, or the tree has a shape the driver does not know; nothing was done.</summary>
    public static MessagesDriverException Shape(string what) =>
        new(MessagesFailureKind.UiElementMissing, null,
            $"unavailable: Messages' window does not have the expected shape ({what}); nothing was done.", nothingSent: true, Source, null);

    /// <summary>The selected conversation or message is not provably the target; nothing was done.</summary>
    public static MessagesDriverException Wrong(string what) =>
        new(MessagesFailureKind.WrongConversation, null, $"{what}; nothing was done.", nothingSent: true, Source, null);

    /// <summary>The action ran (or may have) but the UI did not confirm it: the caller must look in chat.db, never retry.</summary>
    public static MessagesDriverException Ambiguous(string what) =>
        new(MessagesFailureKind.UiAmbiguous, null, what + "; the outcome is checked in chat.db.", nothingSent: false, Source, null);

    /// <summary>Maps an AX error raised before the action's first UI change (nothing done) to a driver failure.</summary>
    public static MessagesDriverException Before(AxException ex) => ex.Error switch
    {
        AxError.APIDisabled => NotTrusted(),
        AxError.CannotComplete => Unavailable("Messages did not answer the accessibility request in time (busy or hung)."),
        _ => Shape($"{ex.Operation}: {ex.Error}"),
    };
}
