namespace LineAgent.Agent.MessagesApp;

/// <summary>One Messages account (AppleScript `service`/`account`) as probe-accounts reports it.</summary>
/// <param name="Id">The account id.</param>
/// <param name="ServiceType">"iMessage", "SMS", "RCS", …</param>
/// <param name="Enabled">Whether the account is enabled in Messages settings.</param>
/// <param name="ConnectionStatus">"connected", "connecting", "disconnected", … (as Messages reports it).</param>
/// <param name="Description">The account's description (usually the Apple ID or phone number).</param>
public sealed record MessagesAccount(string Id, string ServiceType, bool Enabled, string ConnectionStatus, string Description)
{
    /// <summary>True when this account can send right now.</summary>
    public bool IsUsable => Enabled && ConnectionStatus.Equals("connected", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses probe-accounts output: one account per line, five tab-separated fields. Malformed lines are skipped.</summary>
    public static IReadOnlyList<MessagesAccount> ParseProbeOutput(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length >= 5)
            .Select(f => new MessagesAccount(f[0], f[1], f[2].Equals("true", StringComparison.OrdinalIgnoreCase), f[3], string.Join('\t', f[4..])))
            .ToList();
}
