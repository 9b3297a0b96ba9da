using System.Text.RegularExpressions;

namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// The Mac never idle-sleeps (a sleeping Mac neither sends nor receives) and restarts after a power failure. Read from
/// pmset -g's "Currently in use" values: sleep (minutes, 0 = never), autorestart (1 = on; desktops only).
/// </summary>
public sealed partial class SleepCheck : DoctorCheck
{
    public override string Id => "sleep";
    public override string Title => "Sleep settings";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("power management (pmset) is macOS-specific");
        var pmset = await context.Runner.RunAsync("/usr/bin/pmset", ["-g"], cancellationToken: cancellationToken);
        if (!pmset.Succeeded) return Fail($"pmset -g failed: {pmset.FirstErrorLine()}", "run pmset -g by hand");

        var settings = Parse(pmset.StandardOutput);
        if (!settings.TryGetValue("sleep", out var sleep))
            return Warn("pmset -g shows no 'sleep' setting", "check Energy settings by hand: pmset -g");
        if (sleep.Value != 0)
        {
            var detail = $"the Mac sleeps after {sleep.Value} min idle";
            const string fix = "sudo pmset -a sleep 0 disksleep 0 (System Settings › Energy: prevent automatic sleeping)";
            // "(sleep prevented by caffeinate, …)": something holds it awake now, but only while that process lives.
            return sleep.Note.Contains("prevented", StringComparison.Ordinal)
                ? Warn($"{detail}, currently {sleep.Note.Trim('(', ')')}", fix)
                : Fail(detail, fix);
        }
        if (settings.TryGetValue("autorestart", out var restart) && restart.Value == 0)
            return Warn("never sleeps, but does not restart after a power failure", "sudo pmset -a autorestart 1");
        return Pass("never sleeps" + (settings.ContainsKey("autorestart") ? "; restarts after a power failure" : ""));
    }

    /// <summary>One "name value (note)" line of pmset -g.</summary>
    public sealed record PmsetValue(long Value, string Note);

    /// <summary>Parses pmset -g's setting lines into name → value (with any trailing note).</summary>
    public static IReadOnlyDictionary<string, PmsetValue> Parse(string output)
    {
        var result = new Dictionary<string, PmsetValue>(StringComparer.Ordinal);
        foreach (Match m in SettingLine().Matches(output))
            if (long.TryParse(m.Groups["value"].Value, out var value))
                result.TryAdd(m.Groups["name"].Value.Trim(), new PmsetValue(value, m.Groups["note"].Value.Trim()));
        return result;
    }

    [GeneratedRegex(@"^\s+(?<name>[A-Za-z][A-Za-z ]*?)\s+(?<value>-?\d+)(?<note>[^\r\n]*)$", RegexOptions.Multiline)]
    private static partial Regex SettingLine();
}
