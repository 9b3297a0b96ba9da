using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Pacing;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// Carries out one send, step by step: pace, snapshot MAX(ROWID) (saved before the script runs, so a crash
/// mid-call is resolved in chat.db after restart), run the script, find the row. A failure that provably sent
/// nothing fails the send; anything ambiguous is looked up in chat.db and, if not found, ends "unconfirmed" —
/// never resent.
/// </summary>
public sealed class SendExecutor(
    OutboxStore store,
    SendPlanner planner,
    SendCorrelator correlator,
    SendPacer pacer,
    IOptions<PacingOptions> pacing,
    TimeProvider time,
    ILogger<SendExecutor> logger,
    LineAgentMetrics? metrics = null)
{
    /// <summary>Runs <paramref name="entry"/> (queued, or sending after a restart) to a final state.</summary>
    public async Task<OutboxEntry> ExecuteAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        IReadOnlyList<SendStep> steps;
        try
        {
            steps = planner.Plan(entry.Request);
        }
        catch (Exception ex) when (ex is SendPlanException or ArgumentException or ChatDbOpenException)
        {
            var mayHaveSent = entry.State == SendState.Sending && entry.InflightSnapshot is not null && entry.ScriptStarted;
            return Finish(entry, mayHaveSent ? SendState.Unconfirmed : SendState.Failed, ex is ChatDbOpenException
                ? $"chat.db could not be read to prepare the send: {ex.Message}" + (mayHaveSent ? "" : " Nothing was sent.")
                : ex.Message, ex is ChatDbOpenException ? SendFailureCode.ChatDbUnreadable : SendFailureCode.InvalidRequest);
        }

        if (entry.State == SendState.Queued)
            entry = store.Save(entry with { State = SendState.Sending }, journalState: true);
        else if (entry.InflightSnapshot is { } snapshot && entry.StepsDone < steps.Count)
        {
            if (!entry.ScriptStarted)
            {
                // Restarted before the step reached osascript (the mark is written immediately before the spawn):
                // nothing was sent, so the step runs now, once.
                OutboxLog.ResumingUnstarted(logger, entry.SendId, steps[entry.StepsDone].Name);
                entry = store.Save(entry with { InflightSnapshot = null });
            }
            else
            {
                // Restarted while osascript ran the step: it may have sent. Only chat.db can say; never resend.
                var resumed = await ResolveAsync(entry, steps[entry.StepsDone], snapshot, null, cancellationToken, interrupted: true);
                if (resumed.State != SendState.Sending)
                    return resumed;
                entry = resumed;
            }
        }

        for (var i = entry.StepsDone; i < steps.Count; i++)
        {
            var step = steps[i];
            if (i > 0 && step.IsFile && steps[i - 1].IsFile && pacing.Value.Enabled)
                await Task.Delay(pacing.Value.AttachmentSpacing, time, cancellationToken);
            await pacer.WaitTurnAsync(cancellationToken);

            entry = await RunStepAsync(entry, step, cancellationToken);
            if (entry.State != SendState.Sending)
                return entry;
        }
        return Finish(entry, SendState.Sent, null);
    }

    private async Task<OutboxEntry> RunStepAsync(OutboxEntry entry, SendStep step, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> staged;
        long snapshot;
        try
        {
            staged = step.Prepare();
            snapshot = correlator.Snapshot();
        }
        catch (Exception ex) when (ex is SendPlanException or IOException or UnauthorizedAccessException or ChatDbOpenException)
        {
            return Finish(entry, SendState.Failed, ex.Message, ex switch
            {
                ChatDbOpenException => SendFailureCode.ChatDbUnreadable,
                SendPlanException => SendFailureCode.InvalidRequest,
                _ => SendFailureCode.AttachmentUnreadable,   // staging a file failed
            });
        }
        entry = store.Save(entry with { InflightSnapshot = snapshot, ScriptStarted = false, StagedFiles = [.. entry.StagedFiles, .. staged] });

        var sendId = entry.SendId;
        MessagesDriverException? ambiguous = null;
        try
        {
            await step.Run(cancellationToken, () => store.MarkScriptStarted(sendId));
        }
        catch (MessagesDriverException ex) when (ex.NothingSent)
        {
            if (step.Fallback is { } fallback && ex.Kind is MessagesFailureKind.AccessibilityDenied or MessagesFailureKind.UiElementMissing)
            {
                OutboxLog.UsingFallback(logger, entry.SendId, step.Name, ex.Kind);
                return await RunStepAsync(entry, fallback, cancellationToken);
            }
            OutboxLog.StepFailed(logger, entry.SendId, step.Name, ex.Kind);
            return Finish(entry with { InflightSnapshot = null }, SendState.Failed, ex.Message, SendFailures.FromDriver(ex.Kind), ex.Kind.ToString());
        }
        catch (MessagesDriverException ex)
        {
            OutboxLog.StepAmbiguous(logger, entry.SendId, step.Name, ex.Kind);
            ambiguous = ex;
        }
        catch (ArgumentException ex)
        {
            return Finish(entry with { InflightSnapshot = null }, SendState.Failed, ex.Message, SendFailureCode.InvalidRequest, "InvalidArgument");
        }
        return await ResolveAsync(entry, step, snapshot, ambiguous, cancellationToken);
    }

    private async Task<OutboxEntry> ResolveAsync(OutboxEntry entry, SendStep step, long snapshot, MessagesDriverException? scriptError,
        CancellationToken cancellationToken, bool interrupted = false)
    {
        if (step.ExpectState is { } expectState)
            return await ResolveStateAsync(entry, step, expectState(), snapshot, scriptError, cancellationToken, interrupted);

        var expectation = step.Expect();
        if (expectation is null)
            return store.Save(entry with { StepsDone = entry.StepsDone + 1, InflightSnapshot = null });

        CorrelationResult result;
        try
        {
            result = await correlator.WaitAsync(snapshot, expectation, entry.MessageGuids.ToHashSet(StringComparer.Ordinal), cancellationToken);
        }
        catch (ChatDbOpenException ex)
        {
            return Finish(entry, SendState.Unconfirmed, $"The send could not be checked because chat.db is unreadable: {ex.Message}",
                SendFailureCode.ChatDbUnreadable);
        }

        var row = result.Row;
        switch (result.Outcome)
        {
            case CorrelationOutcome.Confirmed:
                return store.Save(entry with
                {
                    StepsDone = entry.StepsDone + 1,
                    InflightSnapshot = null,
                    MessageGuids = [.. entry.MessageGuids, row!.Guid],
                    ChatGuid = entry.ChatGuid ?? row.ChatGuids.FirstOrDefault(),
                });
            case CorrelationOutcome.FailedInChatDb:
                return Finish(entry with { MessageGuids = [.. entry.MessageGuids, row!.Guid], ChatGuid = entry.ChatGuid ?? row.ChatGuids.FirstOrDefault() },
                    SendState.Failed, FailedRowMessage(row.Error), SendFailures.FromChatDbError(row.Error), $"ChatDbError{row.Error}");
            case CorrelationOutcome.Ghost:
                return Finish(entry, SendState.Failed, code: SendFailureCode.Misrouted, errorCode: "Misrouted", error:
                    $"Misrouted: Messages accepted the {step.Name} but wrote an empty message joined to no chat (row {row!.Guid}); "
                    + "nothing reached the chat. The chat GUID may be stale or not addressable on this macOS version (imsg #90).");
            default:
                var why = interrupted
                    ? $"The agent stopped while osascript was running the {step.Name}; no matching row appeared in chat.db within "
                      + $"{expectation.Timeout.TotalSeconds:0.#} s, so it may or may not have been sent."
                    : scriptError is null
                        ? $"Messages accepted the {step.Name} but no matching row appeared in chat.db within {expectation.Timeout.TotalSeconds:0.#} s."
                        : scriptError.Message;
                var code = interrupted ? SendFailureCode.Interrupted
                    : scriptError?.Kind is MessagesFailureKind.AppleEventTimedOut or MessagesFailureKind.TimedOut ? SendFailureCode.Timeout
                    : SendFailureCode.Unconfirmed;
                return Finish(entry, SendState.Unconfirmed, why + " It was not resent; check the chat before sending again.", code);
        }
    }

    /// <summary>Waits for a UI action's effect in chat.db: confirmed, failed, misfired (unconfirmed) or not seen (unconfirmed).</summary>
    private async Task<OutboxEntry> ResolveStateAsync(OutboxEntry entry, SendStep step, StateExpectation expectation, long snapshot,
        MessagesDriverException? scriptError, CancellationToken cancellationToken, bool interrupted)
    {
        StateCheck check;
        try
        {
            check = await correlator.WaitForStateAsync(snapshot, expectation, cancellationToken);
        }
        catch (ChatDbOpenException ex)
        {
            return Finish(entry, SendState.Unconfirmed, $"The {step.Name} could not be checked because chat.db is unreadable: {ex.Message}",
                SendFailureCode.ChatDbUnreadable);
        }

        var bound = entry with
        {
            MessageGuids = [.. entry.MessageGuids, .. (check.MessageGuids ?? []).Where(g => !entry.MessageGuids.Contains(g, StringComparer.Ordinal))],
            ChatGuid = entry.ChatGuid ?? check.ChatGuid,
        };
        switch (check.Outcome)
        {
            case StateOutcome.Confirmed:
                return store.Save(bound with { StepsDone = entry.StepsDone + 1, InflightSnapshot = null });
            case StateOutcome.Failed:
                return Finish(bound, SendState.Failed, check.Reason, SendFailureCode.MessagesError, "ChatDbError");
            case StateOutcome.Misfired:
                // The action acted, but not as asked (wrong message or chat): the router must look before anything else.
                return Finish(bound, SendState.Unconfirmed, $"Misfired: {check.Reason} It was not retried; check the chat.", SendFailureCode.Misrouted,
                    "Misfired");
            default:
                var seen = check.Reason is null ? "" : $" (seen: {check.Reason})";
                var why = interrupted
                    ? $"The agent stopped while the {step.Name} was being carried out; chat.db did not show it within {expectation.Timeout.TotalSeconds:0.#} s{seen}, so it may or may not have happened."
                    : scriptError is null
                        ? $"Messages accepted the {step.Name} but chat.db did not show it within {expectation.Timeout.TotalSeconds:0.#} s{seen}."
                        : scriptError.Message + seen;
                return Finish(bound, SendState.Unconfirmed, why + " It was not retried; check the chat before asking again.",
                    interrupted ? SendFailureCode.Interrupted
                    : scriptError?.Kind is MessagesFailureKind.AppleEventTimedOut or MessagesFailureKind.TimedOut ? SendFailureCode.Timeout
                    : SendFailureCode.Unconfirmed);
        }
    }

    private static string FailedRowMessage(int error) => error switch
    {
        25 => "Messages could not read the attachment (chat.db error 25): it must be staged under ~/Library/Messages/Attachments.",
        22 => "Messages could not deliver it (chat.db error 22): the recipient is probably not on iMessage.",
        _ => $"Messages marked the message as failed (chat.db error {error}).",
    };

    /// <param name="code">Why it failed or is unconfirmed (None when sent).</param>
    /// <param name="errorCode">The driver's failure kind when a script failed (a metrics tag), else null.</param>
    private OutboxEntry Finish(OutboxEntry entry, SendState state, string? error, SendFailureCode code = SendFailureCode.None, string? errorCode = null)
    {
        OutboxLog.Finished(logger, entry.SendId, state);
        metrics?.RecordSend(OutboxStore.Name(state), errorCode, SendFailures.Name(code));
        if (pacer.Available is { } budget)
            metrics?.RecordPacingBudget(budget);
        return store.Save(entry with
            {
                State = state, Error = error, FailureCode = state == SendState.Sent ? SendFailureCode.None : code,
                InflightSnapshot = state == SendState.Sent ? null : entry.InflightSnapshot,
            },
            journalState: true);
    }
}
