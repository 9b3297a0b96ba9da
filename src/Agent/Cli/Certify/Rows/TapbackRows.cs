using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify.Rows;

/// <summary>Each of the six tapbacks added to the run's own text and removed again, each proven by its chat.db row's event.</summary>
internal static class TapbackRows
{
    private static readonly (string Name, Proto.ReactionType Type)[] Tapbacks =
    [
        ("love", Proto.ReactionType.Love), ("like", Proto.ReactionType.Like), ("dislike", Proto.ReactionType.Dislike),
        ("laugh", Proto.ReactionType.Laugh), ("emphasize", Proto.ReactionType.Emphasize), ("question", Proto.ReactionType.Question),
    ];

    public static IEnumerable<CertifyRow> All() =>
        Tapbacks.Select(t => new CertifyRow($"tapback {t.Name}", Proto.Capability.Tapbacks, (c, ct) => RunAsync(c, t.Name, t.Type, ct)));

    private static async Task<RowOutcome> RunAsync(CertifyContext c, string name, Proto.ReactionType type, CancellationToken ct)
    {
        var (target, _, _) = await c.BaseMessageAsync(ct);
        bool Matches(Proto.Event e, string eventType) => e.Type == eventType
            && CertifyContext.Data(e, "target_guid") == target && CertifyContext.Data(e, "reaction_type") == name;

        await c.SentAsync(await c.Client.ReactAsync(new Proto.ReactRequest
        {
            IdempotencyKey = c.Key($"tapback-{name}"), MessageGuid = target, Reaction = type,
        }, c.Headers, cancellationToken: ct), ct);
        const string stays = "the tapback stays on the run's text (remove it in Messages)";
        string added, peer;
        try
        {
            added = (await c.SeenAsync("reaction.added", e => Matches(e, "reaction.added"), ct)).Type;
            peer = await c.PeerSeenAsync("reaction.added", e => Matches(e, "reaction.added"), ct);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail(ex.Message, stays);
        }

        try
        {
            await c.SentAsync(await c.Client.ReactAsync(new Proto.ReactRequest
            {
                IdempotencyKey = c.Key($"untapback-{name}"), MessageGuid = target, Reaction = type, Remove = true,
            }, c.Headers, cancellationToken: ct), ct);
            await c.SeenAsync("reaction.removed", e => Matches(e, "reaction.removed"), ct);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail("added, but removing it failed: " + ex.Message, stays);
        }
        return RowOutcome.Pass($"React add and remove sent; {added} and reaction.removed on {target}{peer}");
    }
}
