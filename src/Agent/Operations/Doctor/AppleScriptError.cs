using System.Globalization;
using System.Text.RegularExpressions;

namespace LineAgent.Agent.Operations.Doctor;

/// <summary>
/// Reads the error number osascript prints on failure: "NN:MM: execution error: Messages got an error: … (-1743)".
/// The numbers the doctor cares about: -1743 not authorized (Automation denied), -1744 would need a consent prompt,
/// -1719/-25211/1002 assistive access missing (Accessibility), -600/-609 application not running.
/// </summary>
public static partial class AppleScriptError
{
    /// <summary>Apple events to this target are denied (errAEEventNotPermitted).</summary>
    public const int NotAuthorized = -1743;
    /// <summary>Permission would require a user prompt (errAEEventWouldRequireUserConsent).</summary>
    public const int WouldRequireConsent = -1744;
    /// <summary>Application isn't running.</summary>
    public const int NotRunning = -600;

    /// <summary>The trailing "(-NNNN)" error number in osascript's stderr, or null.</summary>
    public static int? Number(string stderr)
    {
        var match = NumberPattern().Match(stderr);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>True when the error says the process lacks Accessibility ("assistive access", -1719, -25211, 1002).</summary>
    public static bool IsAccessibilityDenied(string stderr) =>
        Number(stderr) is -25211 or 1002 or -1719 || stderr.Contains("assistive access", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("not allowed to send keystrokes", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\((-?\d+)\)\s*$", RegexOptions.Multiline)]
    private static partial Regex NumberPattern();
}
