using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify.Rows;

/// <summary>A group with both peers, renamed, and the second peer removed and added back: only in the group the run creates.</summary>
internal static class GroupRows
{
    public static IEnumerable<CertifyRow> All() =>
    [
        new("group create", Proto.Capability.GroupCreate, CreateAsync) { NeedsGroup = true },
        new("rename", Proto.Capability.GroupRename, RenameAsync) { NeedsGroup = true },
        new("remove and add participant", Proto.Capability.ParticipantChanges, ParticipantsAsync) { NeedsGroup = true },
    ];

    private static string Left(CertifyContext c) =>
        $"the group {c.Group} with {c.Settings.Peer} and {c.Settings.Peer2} (no RPC leaves a group: leave it in Messages)";

    private static async Task<RowOutcome> CreateAsync(CertifyContext c, CancellationToken ct)
    {
        var group = await c.GroupAsync(ct);
        await c.SeenAsync("chat.created", e => e.Type == "chat.created" && e.ChatGuid == group, ct);
        return RowOutcome.Pass($"CreateChat sent; chat.created {group}; GetChat: exactly both peers", Left(c));
    }

    private static async Task<RowOutcome> RenameAsync(CertifyContext c, CancellationToken ct)
    {
        var group = await c.GroupAsync(ct);
        var name = $"LineAgent certify {c.RunId}";
        await c.SentAsync(await c.Client.RenameChatAsync(new Proto.RenameChatRequest { IdempotencyKey = c.Key("rename"), ChatGuid = group, Name = name },
            c.Headers, cancellationToken: ct), ct);
        await c.SeenAsync("chat.renamed", e => e.Type == "chat.renamed" && e.ChatGuid == group, ct);
        var chat = await c.Client.GetChatAsync(new Proto.GetChatRequest { ChatGuid = group }, c.Headers, cancellationToken: ct);
        return chat.DisplayName == name
            ? RowOutcome.Pass($"chat.renamed; GetChat: display_name '{name}'", Left(c) + ", renamed")
            : RowOutcome.Fail($"GetChat shows the name '{chat.DisplayName}', not '{name}'", Left(c));
    }

    private static async Task<RowOutcome> ParticipantsAsync(CertifyContext c, CancellationToken ct)
    {
        var group = await c.GroupAsync(ct);
        var peer2 = c.Settings.Peer2!;
        bool About(Proto.Event e, string type) => e.Type == type && e.ChatGuid == group && CertifyContext.SameHandle(CertifyContext.Data(e, "handle"), peer2);

        await c.SentAsync(await c.Client.RemoveParticipantAsync(new Proto.RemoveParticipantRequest
        {
            IdempotencyKey = c.Key("remove-participant"), ChatGuid = group, Handle = peer2,
        }, c.Headers, cancellationToken: ct), ct);
        await c.SeenAsync("chat.participant_removed", e => About(e, "chat.participant_removed"), ct);
        try
        {
            await c.SentAsync(await c.Client.AddParticipantAsync(new Proto.AddParticipantRequest
            {
                IdempotencyKey = c.Key("add-participant"), ChatGuid = group, Handle = peer2,
            }, c.Headers, cancellationToken: ct), ct);
            await c.SeenAsync("chat.participant_added", e => About(e, "chat.participant_added"), ct);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail("removed, but adding back failed: " + ex.Message, Left(c) + $", without {peer2}");
        }
        var chat = await c.Client.GetChatAsync(new Proto.GetChatRequest { ChatGuid = group }, c.Headers, cancellationToken: ct);
        return chat.Participants.Any(p => CertifyContext.SameHandle(p, peer2))
            ? RowOutcome.Pass($"chat.participant_removed and chat.participant_added for {peer2}; GetChat lists them again", Left(c))
            : RowOutcome.Fail($"chat.participant_added came, but GetChat does not list {peer2}", Left(c));
    }
}
