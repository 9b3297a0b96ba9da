using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LineAgent.Agent.Cli.Client.Verbs;
using LineAgent.Agent.Configuration;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify;

/// <summary>One row of the report.</summary>
internal sealed record ReportRow(string Capability, string Check, string Result, string Evidence, string LeftBehind, double Seconds);

/// <summary>One capability's verdict: verified (every row passed), failed (a row failed) or unverified (skipped).</summary>
internal sealed record ReportCapability(string Capability, string Certification, string Detail);

/// <summary>What `lineagent certify` writes (JSON, 0600) and prints (--json).</summary>
internal sealed record CertifyReport(
    string LineId, string Build, string Agent, string Peer, string? Peer2, string? PeerLine,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<ReportRow> Rows, IReadOnlyList<ReportCapability> Capabilities,
    IReadOnlyList<string> Cleanup)
{
    public int Failed => Rows.Count(r => r.Result == "failed");

    public static IReadOnlyList<ReportCapability> Verdicts(IReadOnlyList<RowRecord> rows) =>
        rows.GroupBy(r => r.Row.Capability).Select(g =>
        {
            var failed = g.FirstOrDefault(r => r.Outcome.Result == RowResult.Failed);
            if (failed is not null)
                return new ReportCapability(Names.Capability(g.Key), "failed", Clip($"{failed.Row.Name}: {failed.Outcome.Evidence}"));
            return g.All(r => r.Outcome.Result == RowResult.Passed)
                ? new ReportCapability(Names.Capability(g.Key), "verified", Clip(string.Join("; ", g.Select(r => r.Row.Name))))
                : new ReportCapability(Names.Capability(g.Key), "unverified", Clip(g.First(r => r.Outcome.Result == RowResult.Skipped).Outcome.Evidence));
        }).ToList();

    private static string Clip(string text) => text.Length <= 1000 ? text : text[..997] + "…";

    public static ReportRow ToRow(RowRecord r) => new(Names.Capability(r.Row.Capability), r.Row.Name,
        r.Outcome.Result switch { RowResult.Passed => "passed", RowResult.Failed => "failed", _ => "skipped" },
        r.Outcome.Evidence, r.LeftBehind, Math.Round(r.Elapsed.TotalSeconds, 2));

    public string ToJson() => JsonSerializer.Serialize(this, CertifyReportJson.Default.CertifyReport);

    /// <summary>Writes the report 0600 (it names the peers' handles).</summary>
    public void Write(string path) => PrivateFile.WriteAllText(path, ToJson() + "\n");

    /// <summary>The table for a terminal: capability × check × result × time × evidence, and what each row left behind.</summary>
    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine($"certify {Build} (line {LineId}) with {Peer}{(Peer2 is null ? "" : " and " + Peer2)}{(PeerLine is null ? "" : $", peer line {PeerLine}")}");
        var checkWidth = Math.Max(5, Rows.Max(r => r.Check.Length));
        var capabilityWidth = Math.Max(10, Rows.Max(r => r.Capability.Length));
        text.AppendLine($"{"CAPABILITY".PadRight(capabilityWidth)}  {"CHECK".PadRight(checkWidth)}  RESULT   TIME     EVIDENCE");
        foreach (var r in Rows)
        {
            var result = r.Result switch { "passed" => "✓ pass ", "failed" => "✗ FAIL ", _ => "- skip " };
            text.AppendLine($"{r.Capability.PadRight(capabilityWidth)}  {r.Check.PadRight(checkWidth)}  {result}  {r.Seconds,5:0.0} s  {(r.Result == "skipped" ? "skipped: " : "")}{r.Evidence}");
            if (r.LeftBehind != "nothing")
                text.AppendLine($"{"".PadRight(capabilityWidth + checkWidth + 21)}left: {r.LeftBehind}");
        }
        foreach (var note in Cleanup)
            text.AppendLine($"clean-up: {note}");
        text.Append($"{Rows.Count(r => r.Result == "passed")} passed, {Failed} failed, {Rows.Count(r => r.Result == "skipped")} skipped " +
                    $"in {(FinishedAt - StartedAt).TotalSeconds:0.0} s");
        return text.ToString();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(CertifyReport))]
internal sealed partial class CertifyReportJson : JsonSerializerContext;
