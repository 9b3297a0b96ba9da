using System.CommandLine;
using System.Text;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent line`: GetLine — the line's handles, health and capabilities.</summary>
internal sealed class LineVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "line";
    protected override string Summary => "Show the line: handles, health, capabilities (GetLine)";
    protected override string Details => "Examples:\n  lineagent line\n  lineagent line --json | jq .health";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb) => async (_, call, cancellationToken) =>
    {
        var line = await call.Client.GetLineAsync(new Proto.GetLineRequest(), cancellationToken: cancellationToken);
        call.Output.Write(line, () =>
        {
            var text = new StringBuilder();
            text.AppendLine($"line      {string.Join(", ", line.Handles.DefaultIfEmpty("(no handle signed in)"))}");
            text.AppendLine($"agent     {line.AgentVersion} on {line.OsDescription}");
            foreach (var (name, probe) in new[]
                     {
                         ("chat.db", line.Health?.ChatDbReadable), ("Messages", line.Health?.MessagesRunning),
                         ("automation", line.Health?.AutomationPermission), ("accessibility", line.Health?.AccessibilityPermission),
                     })
                text.AppendLine($"{name,-13} {Describe(probe?.Availability)}{(string.IsNullOrEmpty(probe?.Reason) ? "" : " — " + probe!.Reason)}");
            foreach (var capability in line.Capabilities)
                text.AppendLine($"can {Names.Capability(capability.Capability),-20} {Describe(capability.Availability)}" +
                                (string.IsNullOrEmpty(capability.Reason) ? "" : " — " + capability.Reason));
            if (line.Canary is { } canary)
                text.AppendLine($"canary    {Canary(canary)}");
            return text.ToString().TrimEnd();
        });
        return 0;
    };

    /// <summary>"to +1…: last delivered 2026-…Z in 1.2 s, 0 missed in a row", or the degraded sentence.</summary>
    private static string Canary(Proto.LineCanary c)
    {
        if (c.DegradedReason.Length > 0)
            return "degraded: " + c.DegradedReason;
        var delivered = c.LastDeliveredAt is null ? "never delivered yet"
            : $"last delivered {c.LastDeliveredAt.ToDateTimeOffset():yyyy-MM-ddTHH:mm:ssZ}"
              + (c.HasLastLatencySeconds ? $" in {c.LastLatencySeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s" : "");
        var skipped = c.LastSkipReason.Length > 0 ? $"; last skipped: {c.LastSkipReason}" : "";
        return $"to {c.Peer}: {delivered}, {c.ConsecutiveMisses} missed in a row{skipped}";
    }

    private static string Describe(Proto.Availability? availability) => availability switch
    {
        Proto.Availability.Available => "available",
        Proto.Availability.Unavailable => "unavailable",
        _ => "unknown",
    };
}
