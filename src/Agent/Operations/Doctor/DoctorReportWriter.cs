using System.Text.Json;

namespace LineAgent.Agent.Operations.Doctor;

/// <summary>Prints doctor results: aligned ✓/✗ lines with the fix under each failure, or JSON Lines.</summary>
public static class DoctorReportWriter
{
    private const int TitleWidth = 28;

    /// <summary>Symbol per status: ✓ pass, ! warn, ✗ fail, – not applicable.</summary>
    public static string Symbol(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "✓",
        CheckStatus.Warn => "!",
        CheckStatus.Fail => "✗",
        _ => "–",
    };

    /// <summary>One check as text: "✓ Title  detail" and, when there is one, "    fix: …".</summary>
    public static void WriteText(TextWriter output, DoctorCheckResult result)
    {
        output.WriteLine($"{Symbol(result.Status)} {result.Title.PadRight(TitleWidth)} {result.Detail}");
        if (result.Fix is { Length: > 0 } fix && result.Status is CheckStatus.Fail or CheckStatus.Warn)
            output.WriteLine($"  {"",TitleWidth} fix: {fix}");
    }

    /// <summary>One check as a JSON line: {"check","title","status","detail","fix"}; status is pass|warn|fail|n/a.</summary>
    public static void WriteJson(TextWriter output, DoctorCheckResult result) =>
        output.WriteLine(JsonSerializer.Serialize(new
        {
            check = result.Id, title = result.Title, status = StatusName(result.Status), detail = result.Detail, fix = result.Fix,
        }));

    /// <summary>The closing text line.</summary>
    public static void WriteSummary(TextWriter output, IReadOnlyList<DoctorCheckResult> results)
    {
        int Count(CheckStatus s) => results.Count(r => r.Status == s);
        output.WriteLine();
        output.WriteLine(Count(CheckStatus.Fail) == 0
            ? $"doctor: all applicable checks pass ({Count(CheckStatus.Pass)} ok, {Count(CheckStatus.Warn)} warnings, {Count(CheckStatus.NotApplicable)} not applicable)"
            : $"doctor: {Count(CheckStatus.Fail)} to fix ({Count(CheckStatus.Pass)} ok, {Count(CheckStatus.Warn)} warnings, {Count(CheckStatus.NotApplicable)} not applicable)");
    }

    /// <summary>pass, warn, fail, n/a.</summary>
    public static string StatusName(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Warn => "warn",
        CheckStatus.Fail => "fail",
        _ => "n/a",
    };
}
