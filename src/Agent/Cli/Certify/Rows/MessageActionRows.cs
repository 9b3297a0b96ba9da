using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify.Rows;

/// <summary>Reply, edit, unsend, typing and mark read, in the peer's chat only, each proven by GetMessage or the line's events.</summary>
internal static class MessageActionRows
{
    public static IEnumerable<CertifyRow> All() =>
    [
        new("reply", Proto.Capability.Replies, ReplyAsync),
        new("edit", Proto.Capability.Edits, EditAsync),
        new("unsend", Proto.Capability.Unsends, UnsendAsync),
        new("typing start/stop", Proto.Capability.Typing, TypingAsync),
        new("mark read", Proto.Capability.MarkRead, MarkReadAsync),
    ];

    private static async Task<RowOutcome> ReplyAsync(CertifyContext c, CancellationToken ct)
    {
        var (target, _, _) = await c.BaseMessageAsync(ct);
        var receipt = await c.SentAsync(await c.Client.ReplyAsync(new Proto.ReplyRequest
        {
            IdempotencyKey = c.Key("reply"), MessageGuid = target, Text = c.Text("reply"),
        }, c.Headers, cancellationToken: ct), ct);
        var guid = receipt.MessageGuids.Single();
        c.Sent.Add((guid, "reply"));
        var reply = await c.Client.GetMessageAsync(new Proto.GetMessageRequest { MessageGuid = guid }, c.Headers, cancellationToken: ct);
        return reply.ThreadOriginatorGuid == target
            ? RowOutcome.Pass($"GetMessage {guid}: thread_originator_guid {target}", "1 reply in the peer's chat")
            : RowOutcome.Fail($"the reply {guid} is not threaded (thread_originator_guid '{reply.ThreadOriginatorGuid}')", "1 message in the peer's chat");
    }

    private static async Task<RowOutcome> EditAsync(CertifyContext c, CancellationToken ct)
    {
        var (target, _, _) = await c.BaseMessageAsync(ct);
        var text = c.Text("text, edited");
        await c.SentAsync(await c.Client.EditMessageAsync(new Proto.EditMessageRequest
        {
            IdempotencyKey = c.Key("edit"), MessageGuid = target, Text = text,
        }, c.Headers, cancellationToken: ct), ct);
        await c.SeenAsync("message.edited", e => e.Type == "message.edited" && e.MessageGuid == target, ct);
        var peer = await c.PeerSeenAsync("message.edited", e => e.Type == "message.edited" && e.MessageGuid == target, ct);
        var edited = await c.Client.GetMessageAsync(new Proto.GetMessageRequest { MessageGuid = target }, c.Headers, cancellationToken: ct);
        return edited.Edited && edited.Text == text
            ? RowOutcome.Pass($"message.edited; GetMessage {target}: edited, new text{peer}", "the run's text, edited")
            : RowOutcome.Fail($"GetMessage {target} shows edited={edited.Edited} and {(edited.Text == text ? "the new" : "another")} text", "the run's text");
    }

    private static async Task<RowOutcome> UnsendAsync(CertifyContext c, CancellationToken ct)
    {
        var sent = await c.SentAsync(await c.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = c.Key("to-unsend"), To = c.Settings.Peer,
            Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = c.Text("to be unsent") } } },
        }, c.Headers, cancellationToken: ct), ct);
        var guid = sent.MessageGuids.Single();
        const string stays = "1 message in the peer's chat";
        try
        {
            // Messages offers Undo Send only once the row is sent (chat.db is_sent, the message.sent event), which can be
            // a moment after the send's row was found.
            await c.SeenAsync("message.sent", e => e.Type == "message.sent" && e.MessageGuid == guid, ct);
            await c.SentAsync(await c.Client.UnsendMessageAsync(new Proto.UnsendMessageRequest
            {
                IdempotencyKey = c.Key("unsend"), MessageGuid = guid,
            }, c.Headers, cancellationToken: ct), ct);
            await c.SeenAsync("message.unsent", e => e.Type == "message.unsent" && e.MessageGuid == guid, ct);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail(ex.Message, stays);
        }
        var unsent = await c.Client.GetMessageAsync(new Proto.GetMessageRequest { MessageGuid = guid }, c.Headers, cancellationToken: ct);
        return unsent.Unsent
            ? RowOutcome.Pass($"message.unsent; GetMessage {guid}: unsent", "an \"unsent a message\" note in the peer's chat")
            : RowOutcome.Fail($"GetMessage {guid} does not show it unsent", stays);
    }

    private static async Task<RowOutcome> TypingAsync(CertifyContext c, CancellationToken ct)
    {
        var chat = await c.PeerChatAsync(ct);
        await c.SentAsync(await c.Client.SetTypingAsync(new Proto.SetTypingRequest { IdempotencyKey = c.Key("typing"), ChatGuid = chat, Typing = true },
            c.Headers, cancellationToken: ct), ct);
        try
        {
            await c.SentAsync(await c.Client.SetTypingAsync(new Proto.SetTypingRequest { IdempotencyKey = c.Key("typing-off"), ChatGuid = chat },
                c.Headers, cancellationToken: ct), ct);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail("started, but stopping failed: " + ex.Message, "the typing indicator, until Messages clears it");
        }
        return RowOutcome.Pass("SetTyping on and off: both sent (typing leaves no chat.db row to check)");
    }

    private static async Task<RowOutcome> MarkReadAsync(CertifyContext c, CancellationToken ct)
    {
        var chat = await c.PeerChatAsync(ct);
        await c.SentAsync(await c.Client.MarkChatReadAsync(new Proto.MarkChatReadRequest { IdempotencyKey = c.Key("mark-read"), ChatGuid = chat },
            c.Headers, cancellationToken: ct), ct);
        return RowOutcome.Pass("MarkChatRead sent: none of the chat's received messages is unread (chat.db)", "the peer's chat marked read");
    }
}
