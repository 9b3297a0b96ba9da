using LineAgent.Agent.Correlation;
using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Pacing;
using LineAgent.ChatDbReader;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// The front door of sending: accepts a validated request into the outbox under its idempotency key (a repeat
/// returns the original send) after the pacing checks, and wakes the worker. UI-scripted kinds are refused up
/// front when the capability probe knows the line cannot do them.
/// </summary>
public sealed class SendPipeline(OutboxStore store, IChatDbView chatDb, SendSignal signal, IOptions<OutboxOptions> outbox,
    IOptions<PacingOptions> pacing, MessagesCapabilityProbe? capabilities = null, TimeProvider? time = null,
    CertificationGate? certification = null)
{
    /// <summary>
    /// <see cref="Submit"/> after checking, for a new UI-scripted send, that the line can do it now: throws
    /// <see cref="CapabilityUnavailableException"/> when the probe says it is unavailable (a retry of an accepted
    /// send is answered whatever the line's state now), <see cref="InvalidSendRequestException"/> for a chat GUID
    /// that is not of the chat.db shape, <see cref="CapabilityCertificationFailedException"/> for a new request needing a
    /// capability that failed certification on this build (not when <paramref name="certifying"/>: certify re-running it).
    /// </summary>
    public async Task<(OutboxEntry Entry, bool Replayed)> SubmitAsync(string idempotencyKey, OutboundRequest request,
        CancellationToken cancellationToken, bool certifying = false)
    {
        if (certification is not null && store.FindByKey(idempotencyKey) is null)
            certification.Check(request, certifying);
        if (capabilities is not null && request.UiCapability is { } needed && store.FindByKey(idempotencyKey) is null)
        {
            var availability = (await capabilities.GetAsync(cancellationToken)).For(needed);
            if (availability.State == ProbeState.Unavailable)
                throw new CapabilityUnavailableException(needed.ToString(), availability.Reason);
        }
        if (request.TargetChatGuid is { } chat && !IsChatGuid(chat))
            throw new InvalidSendRequestException("chat_guid", "not a chat GUID (<service>;-;<address> or <service>;+;<id>)");
        if (store.FindByKey(idempotencyKey) is null)
        {
            CheckTargetExists(request);
            RefuseKnownFailing(request);
        }
        return Submit(idempotencyKey, request);
    }

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

    /// <summary>With Outbox:RefuseKnownFailingHandles, refuses a recipient chat.db says is not reached (a new send only).</summary>
    private void RefuseKnownFailing(OutboundRequest request)
    {
        if (!outbox.Value.RefuseKnownFailingHandles)
            return;
        var reach = new HandleReach(chatDb);
        foreach (var handle in request.PossibleNewContacts.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            HandleReachReport report;
            try
            {
                report = reach.Check(handle);
            }
            catch (ChatDbOpenException)
            {
                continue;   // cannot tell: the send itself will say what chat.db's state means
            }
            if (report.Verdict == HandleVerdict.KnownFailing)
                throw new KnownFailingHandleException(handle, report.History.LastFailedAt);
        }
    }

    /// <summary>Recipients this Apple ID has never exchanged a message with (they count against the new-contact budget).</summary>
    private IReadOnlyList<string> NewContacts(OutboundRequest request)
    {
        if (!pacing.Value.Enabled)
            return [];
        return request.PossibleNewContacts.Distinct(StringComparer.OrdinalIgnoreCase).Where(IsNew).ToList();
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

    /// <summary>
    /// A UI action acts in whatever conversation its deep link opens, so a target that does not exist must be refused
    /// before anything runs: the message (and its part) to react to, the chat to type in.
    /// </summary>
    private void CheckTargetExists(OutboundRequest request)
    {
        switch (request)
        {
            case ReactionSend r:
                var message = chatDb.GetMessage(r.MessageGuid);
                if (message is null || message.Kind != ChatDbReader.Records.MessageKind.Message)
                    throw new SendTargetNotFoundException("message_guid", "message", r.MessageGuid);
                var parts = Math.Max(1, message.PartCount ?? 1);
                if (r.PartIndex >= parts)
                    throw new SendTargetNotFoundException("part_index", $"part of message {r.MessageGuid} (it has {parts})",
                        r.PartIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case TypingSend t when chatDb.GetChat(t.ChatGuid) is null:
                throw new SendTargetNotFoundException("chat_guid", "chat", t.ChatGuid);
            default:
                MessageActionTargets.Check(request, chatDb, (time ?? TimeProvider.System).GetUtcNow());
                break;
        }
    }

    private static bool IsChatGuid(string guid)
    {
        try
        {
            _ = new ChatTarget(guid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
