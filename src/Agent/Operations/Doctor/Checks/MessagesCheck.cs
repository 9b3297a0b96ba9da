namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// Messages is running and an enabled iMessage account is connected. Running is tested with pgrep (does not launch
/// Messages); accounts through probe-accounts.applescript, whose lines are
/// id TAB service type TAB enabled TAB connection status TAB description.
/// </summary>
public sealed class MessagesCheck : DoctorCheck
{
    /// <summary>The probe shared with the Messages driver (scripts/applescript).</summary>
    public const string ProbeScript = "probe-accounts.applescript";

    public override string Id => "messages";
    public override string Title => "Messages signed in";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("Messages.app is macOS-only (the sandbox uses fake-messages)");
        if (!await IsRunningAsync(context, cancellationToken))
            return Fail("Messages is not running",
                "open -g -a Messages (and keep it in System Settings › General › Login Items so it starts after a reboot)");

        var probe = await context.RunScriptOnceAsync(ProbeScript, cancellationToken);
        if (!probe.Succeeded)
        {
            var number = AppleScriptError.Number(probe.StandardError);
            return number is AppleScriptError.NotAuthorized or AppleScriptError.WouldRequireConsent
                ? Fail("cannot list accounts: Automation → Messages is not granted", "see the Automation → Messages check below")
                : Fail($"cannot list Messages' accounts: {probe.FirstErrorLine()}", "open Messages and check it is signed in; then run lineagent doctor again");
        }

        var accounts = ParseAccounts(probe.StandardOutput);
        if (accounts.Count == 0)
            return Fail("Messages has no accounts", "sign in: Messages › Settings › iMessage, with this line's Apple ID");
        var summary = string.Join(", ", accounts.Select(a => $"{a.ServiceType} {a.Description} {a.ConnectionStatus}{(a.Enabled ? "" : " (disabled)")}"));
        return accounts.Any(a => a.ServiceType.Equals("iMessage", StringComparison.OrdinalIgnoreCase) && a.Enabled
                                 && a.ConnectionStatus.Equals("connected", StringComparison.OrdinalIgnoreCase))
            ? Pass(summary)
            : Fail($"no connected, enabled iMessage account: {summary}",
                "Messages › Settings › iMessage: sign in and enable the account; check the network; then run lineagent doctor again");
    }

    /// <summary>pgrep -x Messages: exit 0 when a process named exactly "Messages" runs.</summary>
    internal static async Task<bool> IsRunningAsync(DoctorContext context, CancellationToken cancellationToken) =>
        (await context.Runner.RunAsync("/usr/bin/pgrep", ["-x", "Messages"], cancellationToken: cancellationToken)).Succeeded;

    /// <summary>One account line of probe-accounts.</summary>
    public sealed record Account(string Id, string ServiceType, bool Enabled, string ConnectionStatus, string Description);

    /// <summary>Parses probe-accounts output; malformed lines are skipped.</summary>
    public static IReadOnlyList<Account> ParseAccounts(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length >= 4)
            .Select(f => new Account(f[0], f[1], f[2].Equals("true", StringComparison.OrdinalIgnoreCase), f[3], f.Length > 4 ? f[4] : ""))
            .ToList();
}
