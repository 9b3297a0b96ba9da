using System.Diagnostics;
using Grpc.Core;
using LineAgent.Agent.Cli.Certify.Rows;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify;

/// <summary>
/// Runs the rows in order against the line, each bounded in time and isolated (one failing never stops the next), then
/// cleans up: unsends what the run sent where the line can (within Apple's 2 minutes), and says what stays.
/// </summary>
internal static class CertifyRunner
{
    /// <summary>Every row, in the order they run (the message actions work on the text the first row sends).</summary>
    public static IReadOnlyList<CertifyRow> Rows { get; } =
        [.. MessageRows.All(), .. TapbackRows.All(), .. MessageActionRows.All(), .. GroupRows.All()];

    public static async Task<(List<RowRecord> Rows, List<string> Cleanup)> RunAsync(CertifyContext c, Proto.Line line,
        IReadOnlySet<Proto.Capability>? only, CancellationToken cancellationToken)
    {
        var records = new List<RowRecord>();
        foreach (var row in Rows.Where(r => only is null || only.Contains(r.Capability)))
        {
            var clock = Stopwatch.StartNew();
            var outcome = Precheck(row, c.Settings, line) ?? await RunRowAsync(row, c, cancellationToken);
            records.Add(new RowRecord(row, outcome, clock.Elapsed));
        }
        return (records, await CleanUpAsync(c, line, records, cancellationToken));
    }

    /// <summary>
    /// Whether the row runs at all. A capability the line reports unavailable is skipped with its reason when the product
    /// does not offer it on this Mac (e.g. not built yet), but failed when the cause is one of the line's health probes —
    /// a permission or a sign-in this Mac lacks is exactly what certify must catch.
    /// </summary>
    private static RowOutcome? Precheck(CertifyRow row, CertifySettings settings, Proto.Line line)
    {
        if (row.NeedsGroup && settings.Peer2 is null)
            return RowOutcome.Skip("needs a second peer: pass --peer2 HANDLE");
        var status = line.Capabilities.FirstOrDefault(s => s.Capability == row.Capability);
        if (status?.Availability != Proto.Availability.Unavailable)
            return null;
        var failingProbes = new[]
        {
            line.Health?.ChatDbReadable, line.Health?.MessagesRunning, line.Health?.AutomationPermission,
            line.Health?.AccessibilityPermission, line.SendHealth?.MessagesSignedIn,
        }.Where(p => p?.Availability == Proto.Availability.Unavailable).Select(p => p!.Reason);
        return failingProbes.Contains(status.Reason)
            ? RowOutcome.Fail(status.Reason.StartsWith("unavailable", StringComparison.OrdinalIgnoreCase) ? status.Reason : $"unavailable: {status.Reason}")
            : RowOutcome.Skip($"unavailable ({status.Reason})");
    }

    private static async Task<RowOutcome> RunRowAsync(CertifyRow row, CertifyContext c, CancellationToken cancellationToken)
    {
        // Each wait is bounded by the row timeout; this bounds a row's several steps together.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(c.Settings.RowTimeout * 4);
        try
        {
            return await row.Run(c, budget.Token);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail(ex.Message, "nothing new");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return RowOutcome.Fail($"refused: {ex.StatusCode}: {ex.Status.Detail}", "nothing new");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RowOutcome.Fail($"timed out after {(c.Settings.RowTimeout * 4).TotalSeconds:0.#} s", "unknown: the last step may still complete");
        }
    }

    /// <summary>Unsends each message the run sent, when the line can unsend (and the unsend row did not fail); says what stays.</summary>
    private static async Task<List<string>> CleanUpAsync(CertifyContext c, Proto.Line line, List<RowRecord> records, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var unsendRow = records.FirstOrDefault(r => r.Row.Capability == Proto.Capability.Unsends);
        var canUnsend = unsendRow is not null
            ? unsendRow.Outcome.Result == RowResult.Passed
            : line.Capabilities.Any(s => s.Capability == Proto.Capability.Unsends && s.Availability == Proto.Availability.Available
                                         && s.Certification?.State != Proto.Certification.Failed);
        var unsent = new List<(string Row, bool Unsent)>();
        foreach (var (guid, row) in c.Sent.DistinctBy(s => s.Guid))
        {
            string note;
            if (!canUnsend)
            {
                note = "stays (this line cannot unsend: see the unsend row)";
            }
            else
            {
                try
                {
                    using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    budget.CancelAfter(c.Settings.RowTimeout * 2);
                    await c.SentAsync(await c.Client.UnsendMessageAsync(new Proto.UnsendMessageRequest { IdempotencyKey = c.Key("cleanup"), MessageGuid = guid },
                        c.Headers, cancellationToken: budget.Token), budget.Token);
                    note = "unsent";
                }
                catch (Exception ex) when (ex is CertifyCheckException or RpcException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    note = "stays (unsend failed: " + (ex is RpcException rpc ? rpc.Status.Detail : ex.Message) + ")";
                }
            }
            notes.Add($"{guid} ({row}): {note}");
            unsent.Add((row, note == "unsent"));
        }
        foreach (var record in records.Where(r => r.Row.Name != "group create" && unsent.Any(u => u.Row == r.Row.Name) && unsent.Where(u => u.Row == r.Row.Name).All(u => u.Unsent)))
            record.LeftBehind = "nothing (unsent in the clean-up; the peer sees \"unsent a message\")";
        if (c.Group is { } group)
            notes.Add($"{group}: the group stays (no RPC leaves a group: leave it in Messages on this Mac)");
        return notes;
    }
}
