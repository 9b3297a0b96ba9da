using LineAgent.Agent.Attachments;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Outbox.Staging;
using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// The steps of the message and chat actions that only Messages' UI can do — reply, edit, unsend, mark read, rename,
/// several images as one send — on <see cref="IMessagesUi"/>, each verified by its chat.db state
/// (<see cref="UiActionChecks"/>). The target is re-read from chat.db and re-checked against Apple's limits when the
/// step is planned, i.e. just before it runs: a request that waited its turn past a limit fails with nothing sent.
/// A request whose effect is already in chat.db (nothing unread; the group already has the name) has no step.
/// </summary>
public sealed class UiActionPlanner(IMessagesUi ui, IChatDbView chatDb, AttachmentStager stager, AttachmentStore uploads,
    IOptions<CorrelationOptions> correlation, TimeProvider time)
{
    private TimeSpan UiTimeout => correlation.Value.UiActionTimeout;

    /// <summary>The steps of <paramref name="request"/>; throws <see cref="SendPlanException"/> when it cannot be carried out now.</summary>
    public IReadOnlyList<SendStep> Plan(OutboundRequest request)
    {
        try
        {
            return request switch
            {
                ReplySend r => [Reply(r)],
                EditSend e => [Edit(e)],
                UnsendSend u => [Unsend(u)],
                MarkReadSend m => MarkRead(m),
                RenameChatSend n => Rename(n),
                _ => throw new SendPlanException($"Unsupported UI action {request.Kind}."),
            };
        }
        catch (Exception ex) when (ex is SendTargetNotFoundException or SendPreconditionException)
        {
            throw new SendPlanException($"{ex.Message} Nothing was sent.");
        }
    }

    /// <summary>Several staged uploads pasted into the verified compose field of <paramref name="target"/> and sent with one Return.</summary>
    public SendStep Images(SendTarget target, IReadOnlyList<string> attachmentIds)
    {
        var names = attachmentIds.Select(id => AttachmentFileNames.Sanitize(uploads.Find(id)?.FileName)).ToList();
        List<string> staged = [];
        return new SendStep("images", true, (ct, beforeAct) => ui.SendImagesAsync(target, staged, ct, beforeAct), () => null)
        {
            Prepare = () =>
            {
                staged = attachmentIds.Select(id =>
                {
                    var found = uploads.Find(id)
                        ?? throw new SendPlanException($"Attachment '{id}' is no longer stored; upload it again. Nothing was sent.");
                    return stager.Stage(found.Path, found.FileName);
                }).ToList();
                return staged;
            },
            ExpectState = () => UiActionChecks.Images(chatDb, target.CandidateChatGuids, names, correlation.Value.AttachmentTimeout),
        };
    }

    private SendStep Reply(ReplySend request)
    {
        var (message, chat) = MessageActionTargets.Message(chatDb, request.MessageGuid, request.PartIndex, SendKind.Reply, time.GetUtcNow());
        var target = new MessageTarget(new ChatTarget(chat.Guid, chat.ServiceName), message.Guid, request.PartIndex);
        // Messages threads a reply to a message inside a thread under the thread's root, not under that message.
        var root = message.ThreadOriginatorGuid ?? message.Guid;
        int? rootPart = message.ThreadOriginatorGuid is null ? request.PartIndex : null;
        return new SendStep("reply", false, (ct, beforeAct) => ui.ReplyAsync(target, request.Text, ct, beforeAct), () => null)
        {
            ExpectState = () => UiActionChecks.Reply(chatDb, chat.Guid, root, rootPart, request.Text, UiTimeout),
        };
    }

    private SendStep Edit(EditSend request)
    {
        var (message, chat) = MessageActionTargets.Message(chatDb, request.MessageGuid, request.PartIndex, SendKind.Edit, time.GetUtcNow());
        var target = new MessageTarget(new ChatTarget(chat.Guid, chat.ServiceName), message.Guid, request.PartIndex);
        return new SendStep("edit", false, (ct, beforeAct) => ui.EditAsync(target, request.Text, ct, beforeAct), () => null)
        {
            ExpectState = () => UiActionChecks.Edit(chatDb, chat.Guid, message.Guid, request.PartIndex, request.Text, MessageActionTargets.PartText, UiTimeout),
        };
    }

    private SendStep Unsend(UnsendSend request)
    {
        var (message, chat) = MessageActionTargets.Message(chatDb, request.MessageGuid, request.PartIndex, SendKind.Unsend, time.GetUtcNow());
        var target = new MessageTarget(new ChatTarget(chat.Guid, chat.ServiceName), message.Guid, request.PartIndex);
        return new SendStep("unsend", false, (ct, beforeAct) => ui.UnsendAsync(target, ct, beforeAct), () => null)
        {
            ExpectState = () => UiActionChecks.Unsend(chatDb, chat.Guid, message.Guid, request.PartIndex, UiTimeout),
        };
    }

    private List<SendStep> MarkRead(MarkReadSend request)
    {
        var chat = MessageActionTargets.Chat(chatDb, request.ChatGuid);
        if (chatDb.CountUnread(chat.Guid) == 0)
            return [];      // nothing to mark: Messages would change nothing, so there would be nothing to verify either
        var target = new ChatTarget(chat.Guid, chat.ServiceName);
        return [new SendStep("mark read", false, (ct, beforeAct) => ui.MarkReadAsync(target, ct, beforeAct), () => null)
        {
            ExpectState = () => UiActionChecks.MarkRead(chatDb, chat.Guid, UiTimeout),
        }];
    }

    private List<SendStep> Rename(RenameChatSend request)
    {
        var chat = MessageActionTargets.Chat(chatDb, request.ChatGuid, onlyGroups: "names");
        if (string.Equals(chat.DisplayName ?? "", request.Name, StringComparison.Ordinal))
            return [];      // already so named: Messages writes no row for a no-op rename
        var target = new ChatTarget(chat.Guid, chat.ServiceName);
        return [new SendStep("rename", false, (ct, beforeAct) => ui.RenameGroupAsync(target, request.Name, ct, beforeAct), () => null)
        {
            ExpectState = () => UiActionChecks.Rename(chatDb, chat.Guid, request.Name, UiTimeout),
        }];
    }
}
