using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Correlation;

/// <summary>
/// Binds a send to its chat.db row. Before each script call the pipeline takes <see cref="Snapshot"/>
/// (MAX(ROWID)); afterwards <see cref="WaitAsync"/> polls the from-me rows above it for the one the call made
/// (same chat, same text or transfer name), as Beeper does with MAX(ROWID) and imsg with its verifier. It also
/// detects "ghost" rows — empty, joined to no chat — that Messages writes when a `chat id` send goes nowhere
/// (imsg #90). Nothing found in time means unconfirmed: the caller never resends.
/// </summary>
public sealed class SendCorrelator(IChatDbView chatDb, IOptions<CorrelationOptions> options, TimeProvider time, ILogger<SendCorrelator> logger)
{
    private const int PageSize = 500;
    private readonly CorrelationOptions _options = options.Value;

    /// <summary>The options in force.</summary>
    public CorrelationOptions Options => _options;

    /// <summary>MAX(ROWID) of message right now: take it before the send.</summary>
    public long Snapshot() => chatDb.MaxMessageRowId();

    /// <summary>
    /// Polls chat.db until a from-me row above <paramref name="afterRowId"/> satisfies <paramref name="expectation"/>,
    /// a ghost row settles, or the expectation's timeout passes. <paramref name="exclude"/> holds GUIDs already bound
    /// to other sends.
    /// </summary>
    public async Task<CorrelationResult> WaitAsync(long afterRowId, CorrelationExpectation expectation,
        IReadOnlySet<string>? exclude, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var ghostSince = new Dictionary<string, long>(StringComparer.Ordinal);
        while (true)
        {
            var result = Check(afterRowId, expectation, exclude, ghostSince);
            if (result is not null)
            {
                CorrelationLog.Resolved(logger, expectation.Description, result.Outcome, result.Row?.Guid);
                return result;
            }
            if (time.GetElapsedTime(started) >= expectation.Timeout)
            {
                CorrelationLog.Resolved(logger, expectation.Description, CorrelationOutcome.NotFound, null);
                return CorrelationResult.NotFound;
            }
            await Task.Delay(_options.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>
    /// Polls <paramref name="expectation"/> until it is no longer pending or its timeout passes; returns the last look
    /// (Pending on timeout, with what was seen so far).
    /// </summary>
    public async Task<StateCheck> WaitForStateAsync(long snapshot, StateExpectation expectation, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var check = expectation.Check(snapshot);
            if (check.Outcome != StateOutcome.Pending || time.GetElapsedTime(started) >= expectation.Timeout)
            {
                CorrelationLog.StateResolved(logger, expectation.Description, check.Outcome);
                return check;
            }
            await Task.Delay(_options.PollInterval, time, cancellationToken);
        }
    }

    private CorrelationResult? Check(long afterRowId, CorrelationExpectation expectation, IReadOnlySet<string>? exclude,
        Dictionary<string, long> ghostSince)
    {
        var after = afterRowId;
        MessageRecord? ghost = null;
        while (true)
        {
            var rows = chatDb.ReadMessagesAfter(after, PageSize);
            foreach (var row in rows)
            {
                if (!row.IsFromMe || (exclude?.Contains(row.Guid) ?? false))
                    continue;
                if (expectation.Matches(row))
                    return new CorrelationResult(row.Error != 0 ? CorrelationOutcome.FailedInChatDb : CorrelationOutcome.Confirmed, row);
                if (expectation.DetectGhosts && IsGhost(row))
                {
                    if (!ghostSince.TryGetValue(row.Guid, out var since))
                        ghostSince[row.Guid] = since = time.GetTimestamp();
                    if (time.GetElapsedTime(since) >= _options.GhostGrace)
                        ghost ??= row;
                }
            }
            if (rows.Count < PageSize)
                break;
            after = rows[^1].RowId;
        }
        return ghost is null ? null : new CorrelationResult(CorrelationOutcome.Ghost, ghost);
    }

    /// <summary>An ordinary from-me message with no text, no attachment and no chat: Messages sent it nowhere.</summary>
    private static bool IsGhost(MessageRecord row) =>
        row.Kind == MessageKind.Message && row.ChatGuids.Count == 0 && row.Attachments.Count == 0
        && string.IsNullOrEmpty(row.Text?.Trim('\uFFFC', ' '));
}
