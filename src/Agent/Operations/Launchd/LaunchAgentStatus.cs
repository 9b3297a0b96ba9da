using System.Globalization;
using System.Text.RegularExpressions;

namespace LineAgent.Agent.Operations.Launchd;

/// <summary>What `launchctl print gui/&lt;uid&gt;/&lt;label&gt;` says about the agent.</summary>
/// <param name="Installed">The plist exists in ~/Library/LaunchAgents.</param>
/// <param name="Loaded">launchd knows the service (print exited 0).</param>
/// <param name="State">"running", "not running", … as launchd prints it; null when not loaded.</param>
/// <param name="Pid">The running process id, if any.</param>
/// <param name="LastExitCode">launchd's "last exit code" line, if present (text: it can be "(never exited)").</param>
/// <param name="Runs">How many times launchd started it since load.</param>
public sealed partial record LaunchAgentStatus(bool Installed, bool Loaded, string? State, int? Pid, string? LastExitCode, int? Runs)
{
    /// <summary>True when launchd reports the job running.</summary>
    public bool Running => State == "running";

    /// <summary>Parses the human-oriented (and officially unstable) output of launchctl print, tolerating missing lines.</summary>
    public static LaunchAgentStatus Parse(bool installed, CommandResult print)
    {
        if (!print.Succeeded) return new(installed, false, null, null, null, null);
        var text = print.StandardOutput;
        return new(installed, true,
            Field(text, "state"),
            int.TryParse(Field(text, "pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null,
            Field(text, "last exit code"),
            int.TryParse(Field(text, "runs"), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) ? runs : null);
    }

    // Only the service's own top-level lines (one tab of indentation) count: nested blocks repeat keys like "state".
    private static string? Field(string text, string key)
    {
        foreach (Match m in FieldLine().Matches(text))
            if (m.Groups["key"].Value == key) return m.Groups["value"].Value.Trim();
        return null;
    }

    [GeneratedRegex(@"^\t(?<key>[a-z][a-z ]*?) = (?<value>[^\r\n]*)$", RegexOptions.Multiline)]
    private static partial Regex FieldLine();
}
