using LineAgent.Agent.Correlation;
using LineAgent.Agent.Pacing;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// The front door of sending: accepts a validated request into the outbox under its idempotency key (a repeat
/// returns the original send) after the pacing checks, and wakes the worker.
/// </summary>
public sealed class SendPipeline(OutboxStore store, IChatDbView chatDb, SendSignal signal, IOptions<OutboxOptions> outbox,
    IOptions<PacingOptions> pacing)
{
    /// <summary>
    /// Accepts the send or replays the original. Throws <see cref="IdempotencyConflictException"/> (key reused for
    /// another request) and <see cref="PacingRejectedException"/> (queue full or new-contact budget spent).
    /// </summary>
    public (OutboxEntry Entry, bool Replayed) Submit(string idempotencyKey, OutboundRequest request)
    {
        // A retry must not depend on chat.db or the budget: answer it before classifying anything.
        if (store.FindByKey(idempotencyKey) is not null)
            return store.Accept(idempotencyKey, request, [], outbox.Value, pacing.Value);

        var result = store.Accept(idempotencyKey, request, NewContacts(request), outbox.Value, pacing.Value);
        if (!result.Replayed)
            signal.Notify();
        return result;
    }

    /// <summary>The send with this id, or null.</summary>
    public OutboxEntry? Find(string sendId) => store.Find(sendId);

    /// <summary>The send made with this key, or null.</summary>
    public OutboxEntry? FindByKey(string idempotencyKey) => store.FindByKey(idempotencyKey);

    /// <summary>Recipients this Apple ID has never exchanged a message with (they count against the new-contact budget).</summary>
    private IReadOnlyList<string> NewContacts(OutboundRequest request)
    {
        if (!pacing.Value.Enabled)
            return [];
        IEnumerable<string> candidates = request.Kind switch
        {
            SendKind.Message or SendKind.Location when request.To is not null => [request.To],
            SendKind.CreateChat => request.Recipients,
            _ => [],
        };
        return candidates.Distinct(StringComparer.OrdinalIgnoreCase).Where(IsNew).ToList();
    }

    private bool IsNew(string handle)
    {
        try
        {
            return !chatDb.HasHistoryWith(handle);
        }
        catch (ChatDbOpenException)
        {
            return true;    // cannot tell: count it, the budget errs on the side of the Apple ID
        }
    }
}
