using System.Globalization;
using System.Text.RegularExpressions;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// Turns osascript's stderr into a typed <see cref="MessagesDriverException"/> with an operator-facing
/// explanation. osascript fails with exit status 1 and stderr like
/// <c>12:34: execution error: Messages got an error: Can't get chat id "…". (-1728)</c> (mautrix send.go,
/// BlueBubbles actions.ts); the number in the final parentheses is the AppleScript error code.
/// </summary>
public static partial class OsaErrorClassifier
{
    [GeneratedRegex(@"execution error:\s*(?<text>.*?)\s*\((?<code>-?\d+)\)\s*$", RegexOptions.Singleline)]
    private static partial Regex ExecutionError();

    [GeneratedRegex(@"\((?<code>-?\d+)\)\s*$")]
    private static partial Regex TrailingCode();

    /// <summary>Classifies a failed run (non-zero exit).</summary>
    public static MessagesDriverException Classify(string script, int exitCode, string stderr)
    {
        var trimmed = stderr.Trim();
        int? code = null;
        var detail = trimmed;
        var match = ExecutionError().Match(trimmed);
        if (match.Success)
        {
            code = int.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture);
            detail = match.Groups["text"].Value;
        }
        else if (TrailingCode().Match(trimmed) is { Success: true } tail)
        {
            code = int.Parse(tail.Groups["code"].Value, CultureInfo.InvariantCulture);
        }

        var (kind, nothingSent, advice) = Explain(code, detail, script);
        // The detail text can quote message text or addresses, so it stays in Stderr (logged at Debug only).
        var message = $"{script} failed ({(code is null ? $"exit status {exitCode}" : code.ToString())}): {advice}";
        return new MessagesDriverException(kind, code, message, nothingSent, script, trimmed);
    }

    /// <summary>The failure for a script killed after its timeout. Ambiguous: it may have sent.</summary>
    public static MessagesDriverException TimedOut(string script, TimeSpan timeout) =>
        new(MessagesFailureKind.TimedOut, null,
            $"{script} did not finish within {timeout.TotalSeconds:0.#} s and was stopped. Messages may be hung or waiting "
            + "for a permission prompt in the GUI session. The outcome is checked in chat.db; the message is never resent "
            + "automatically. If this repeats, restart Messages and check for pending prompts on the Mac's screen.",
            nothingSent: false, script, null);

    /// <summary>A probe skipped because a send or UI action was running (probes never interleave with them).</summary>
    public static MessagesDriverException Busy() =>
        new(MessagesFailureKind.Busy, null,
            "Not probed: a send or UI action was using Messages; the probe runs again on the next check.",
            nothingSent: true, "probe", null);

    /// <summary>The failure when the script file or the osascript program cannot be run.</summary>
    public static MessagesDriverException Unavailable(string script, string why) =>
        new(MessagesFailureKind.ScriptUnavailable, null,
            $"{script} could not be run: {why}. Check MessagesDriver:OsascriptPath and MessagesDriver:ScriptsDirectory.",
            nothingSent: true, script, null);

    private static (MessagesFailureKind Kind, bool NothingSent, string Advice) Explain(int? code, string detail, string script)
    {
        switch (code)
        {
            case -1728:
                return (MessagesFailureKind.NotFound, true,
                    "Messages could not find the chat, recipient or account. The chat GUID may be stale or missing from "
                    + "Messages' open chats, the address may be wrong, or (for SMS) Text Message Forwarding from an iPhone "
                    + "is off. Nothing was sent.");
            case -1743:
                return (MessagesFailureKind.AutomationDenied, true,
                    "macOS denied Automation: the agent may not control Messages. Open System Settings › Privacy & Security › "
                    + "Automation and enable Messages for the process that runs the agent. Nothing was sent.");
            case -1744:
                return (MessagesFailureKind.AutomationConsentRequired, true,
                    "Automation permission has not been decided yet and asking would need a prompt. Run `lineagent doctor` "
                    + "once in the logged-in GUI session and click Allow (or pre-approve with a PPPC profile). Nothing was sent.");
            case -1719 when detail.Contains("assistive", StringComparison.OrdinalIgnoreCase):
            case -25211:
            case 1002:
                return (MessagesFailureKind.AccessibilityDenied, true,
                    "Accessibility is not granted, so UI scripting (tapbacks, typing, group creation, participants, rich "
                    + "links) cannot run. Open System Settings › Privacy & Security › Accessibility, enable it for the process "
                    + "that runs the agent, and keep the session unlocked.");
            case -1719:
                return (MessagesFailureKind.UiElementMissing, false,
                    "An expected Messages window element is missing (the screen may be locked, no window open, or the "
                    + "Messages layout changed with an OS update). The effect is checked in chat.db.");
            case -1712:
                return (MessagesFailureKind.AppleEventTimedOut, false,
                    "Messages did not answer the Apple event in time (busy or hung). It may still have sent: the outcome is "
                    + "checked in chat.db and never resent automatically. If this repeats, restart Messages.");
            case -600:
                return (MessagesFailureKind.MessagesNotRunning, true,
                    "Messages is not running. Nothing was sent; the agent launches Messages and retries.");
            case 9100:
                return (MessagesFailureKind.NoServiceAccount, true,
                    "Messages has no account for the service this chat needs (for SMS: Text Message Forwarding from an "
                    + "iPhone is off; for RCS: no RCS-capable iPhone is paired). Nothing was sent.");
            case -609:
                return (MessagesFailureKind.ConnectionInvalid, false,
                    "The connection to Messages broke while the script ran (Messages quit or crashed). It may have sent: "
                    + "the outcome is checked in chat.db and never resent automatically.");
            case -1700:
                return (MessagesFailureKind.BadValue, true,
                    "A value could not be converted (for example \"any\" used as a service type). Nothing was sent.");
            case -1708 or -1703 or -50 or -2753:
                return (MessagesFailureKind.BadArguments, true,
                    "The script rejected its arguments; the agent and its scripts may be from different versions. Nothing was sent.");
            default:
                if (detail.Contains("not a member", StringComparison.OrdinalIgnoreCase))
                    return (MessagesFailureKind.NotAMember, true,
                        "This Apple ID is no longer a member of that group chat. Nothing was sent.");
                return (MessagesFailureKind.Unknown, false,
                    "Unrecognised osascript failure; the outcome is checked in chat.db. Details are logged at Debug level.");
        }
    }
}
