using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify;

/// <summary>A row's verdict.</summary>
internal enum RowResult
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>What one row proved, on what evidence, and what it left in Messages.</summary>
/// <param name="Result">Passed, failed or skipped.</param>
/// <param name="Evidence">For a pass the line's (and peer line's) evidence; otherwise the reason.</param>
/// <param name="LeftBehind">What stays in Messages after the run ("nothing" when the row undid everything).</param>
internal sealed record RowOutcome(RowResult Result, string Evidence, string LeftBehind)
{
    public static RowOutcome Pass(string evidence, string leftBehind = "nothing") => new(RowResult.Passed, evidence, leftBehind);

    public static RowOutcome Fail(string reason, string leftBehind = "nothing") => new(RowResult.Failed, reason, leftBehind);

    public static RowOutcome Skip(string reason) => new(RowResult.Skipped, reason, "nothing");
}

/// <summary>One check of one capability: a name the table shows ("tapback love") and what it does.</summary>
internal sealed record CertifyRow(string Name, Proto.Capability Capability, Func<CertifyContext, CancellationToken, Task<RowOutcome>> Run)
{
    /// <summary>Rows that act in a group need a second peer.</summary>
    public bool NeedsGroup { get; init; }
}

/// <summary>A row as run: its outcome and how long it took.</summary>
internal sealed record RowRecord(CertifyRow Row, RowOutcome Outcome, TimeSpan Elapsed)
{
    /// <summary>Set by the clean-up after the rows, when it undid (or could not undo) what the row left.</summary>
    public string LeftBehind { get; set; } = Outcome.LeftBehind;
}

/// <summary>A row's check failed: the message is the row's reason (the runner turns it into a red row).</summary>
internal sealed class CertifyCheckException(string message) : Exception(message);
