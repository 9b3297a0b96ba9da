using LineAgent.Agent.Attachments;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Outbox.Staging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// Turns a request into its steps: plain sends through AppleScript (one per bubble: each `send` is its own message),
/// everything that needs the UI through the accessibility driver (<see cref="IMessagesUi"/>); the message and chat
/// actions verified by their chat.db state through <see cref="UiActionPlanner"/>.
/// </summary>
public sealed class SendPlanner(IMessagesDriver driver, IMessagesUi ui, AttachmentStager stager, AttachmentStore uploads, IChatDbView chatDb,
    IOptions<CorrelationOptions> correlation, UiActionPlanner uiActions)
{
    private CorrelationOptions Timeouts => correlation.Value;

    /// <summary>The steps of <paramref name="request"/>. Throws <see cref="SendPlanException"/> for a request that cannot be sent.</summary>
    public IReadOnlyList<SendStep> Plan(OutboundRequest request) => request switch
    {
        MessageSend m => MessageSteps(m),
        LocationSend l => [LocationStep(l, Plain(Target(l.ChatGuid, l.To)))],
        ReactionSend r => [TapbackStep(r)],
        TypingSend t => [new SendStep("typing", false, (ct, spawning) => ui.SetTypingAsync(Target(t.ChatGuid, null), t.Typing, ct, spawning), () => null)],
        CreateChatSend c => [CreateChatStep(c)],
        AddParticipantSend a => [ParticipantStep(a.ChatGuid, a.Handle, add: true)],
        RemoveParticipantSend r => [ParticipantStep(r.ChatGuid, r.Handle, add: false)],
        ReplySend or EditSend or UnsendSend or MarkReadSend or RenameChatSend => uiActions.Plan(request),
        _ => throw new SendPlanException($"Unsupported send kind {request.Kind}."),
    };

    private List<SendStep> MessageSteps(MessageSend message)
    {
        var chatTarget = Target(message.ChatGuid, message.To);
        if (!message.ParallelAttachments)
        {
            var target = Plain(chatTarget);
            return message.Parts.Select(p => PartStep(target, p)).ToList();
        }

        // Each run of two or more consecutive media parts is one send through the UI; everything else goes as before.
        var steps = new List<SendStep>();
        for (var i = 0; i < message.Parts.Count;)
        {
            var run = message.Parts.Skip(i).TakeWhile(p => p.Kind == OutboundPartKind.Media).Select(p => p.Value).ToList();
            if (run.Count >= 2)
            {
                steps.Add(uiActions.Images(chatTarget, run));     // the UI reaches any chat its deep link opens
                i += run.Count;
            }
            else
                steps.Add(PartStep(Plain(chatTarget), message.Parts[i++]));
        }
        return steps;
    }

    /// <summary>
    /// The target with its service: the GUID's prefix, or for a Tahoe "any;" chat chat.service_name (some are SMS or
    /// RCS, BlueBubbles PR #832), as Beeper picks it.
    /// </summary>
    private SendTarget Target(string? chatGuid, string? to)
    {
        if (chatGuid is null)
            return SendTargets.Of(null, to);
        var serviceName = chatGuid.StartsWith("any;", StringComparison.Ordinal) ? chatDb.GetChat(chatGuid)?.ServiceName : null;
        return new ChatTarget(chatGuid, serviceName);
    }

    /// <summary>A target for plain AppleScript sends; refuses the old-style Tahoe groups AppleScript cannot address.</summary>
    private static SendTarget Plain(SendTarget target) => target is ChatTarget { IsUnaddressableTahoeGroup: true } chat
        ? throw new SendPlanException(
            $"The group {chat.ChatGuid} has an old-style identifier that AppleScript cannot address on macOS 26: `chat id` fails "
            + "or writes an empty message to an SMS handle instead (imsg #90). Nothing was sent. Send to this group from "
            + "Messages on the Mac, or start a new group with CreateChat.")
        : target;

    private SendStep PartStep(SendTarget target, OutboundPart part) => part.Kind switch
    {
        OutboundPartKind.Text => TextStep(target, part.Value),
        // The URL alone through the verified compose field, so Messages builds the preview; when the UI cannot be
        // driven (no Accessibility, locked, no window) the same URL goes out as plain text (no preview, BlueBubbles
        // #244) rather than not at all.
        OutboundPartKind.RichLink => new SendStep("rich link", false, (ct, spawning) => ui.SendRichLinkAsync(target, part.Value, ct, spawning),
            () => CorrelationExpectation.Text(target, part.Value, Timeouts.UiActionTimeout))
        {
            Fallback = TextStep(target, part.Value),
        },
        OutboundPartKind.Media => MediaStep(target, part.Value),
        _ => throw new SendPlanException($"Unsupported part kind {part.Kind}."),
    };

    private SendStep TextStep(SendTarget target, string text) =>
        new("text", false, (ct, spawning) => driver.SendTextAsync(target, text, ct, spawning),
            () => CorrelationExpectation.Text(target, text, Timeouts.TextTimeout));

    private SendStep MediaStep(SendTarget target, string attachmentId)
    {
        string? staged = null;
        var upload = uploads.Find(attachmentId);
        var name = AttachmentFileNames.Sanitize(upload?.FileName);
        return new SendStep("attachment", true,
            (ct, spawning) => driver.SendFileAsync(target, staged!, ct, spawning),
            () => CorrelationExpectation.File(target, name, Timeouts.AttachmentTimeout))
        {
            Prepare = () =>
            {
                var found = uploads.Find(attachmentId)
                    ?? throw new SendPlanException($"Attachment '{attachmentId}' is no longer stored; upload it again. Nothing was sent.");
                staged = stager.Stage(found.Path, found.FileName);
                return [staged];
            },
        };
    }

    private SendStep LocationStep(LocationSend request, SendTarget target)
    {
        string? staged = null;
        var name = LocationCard.FileName(request.LocationName);
        return new SendStep("location", true,
            (ct, spawning) => driver.SendFileAsync(target, staged!, ct, spawning),
            () => CorrelationExpectation.File(target, name, Timeouts.AttachmentTimeout))
        {
            Prepare = () =>
            {
                staged = stager.Stage(LocationCard.Bytes(request.Latitude, request.Longitude), name);
                return [staged];
            },
        };
    }

    private SendStep TapbackStep(ReactionSend request)
    {
        // The chat comes from chat.db, never from the UI: the driver proves the UI shows this chat before acting.
        var target = chatDb.GetMessage(request.MessageGuid) is { ChatGuids: [var chatGuid, ..] }
            ? new MessageTarget((ChatTarget)Target(chatGuid, null), request.MessageGuid, request.PartIndex)
            : throw new SendPlanException($"Message {request.MessageGuid} is not in chat.db (or in no chat); nothing was sent.");
        return new("tapback", false, (ct, spawning) => ui.SendTapbackAsync(target, request.Reaction, request.Remove, ct, spawning),
            () => CorrelationExpectation.Tapback(request.MessageGuid, request.PartIndex, request.Reaction, request.Remove, Timeouts.UiActionTimeout));
    }

    private SendStep CreateChatStep(CreateChatSend request) =>
        new("create chat", false, (ct, spawning) => ui.CreateGroupAsync(request.Recipients, request.Text, ct, spawning),
            () => CorrelationExpectation.NewGroup(request.Recipients, request.Text, chatDb.GetChat, Timeouts.UiActionTimeout));

    private SendStep ParticipantStep(string chatGuid, string handle, bool add)
    {
        var group = new ChatTarget(chatGuid);
        return new SendStep(add ? "add participant" : "remove participant", false,
            (ct, spawning) => add ? ui.AddParticipantAsync(group, handle, ct, spawning) : ui.RemoveParticipantAsync(group, handle, ct, spawning),
            () => CorrelationExpectation.Participant(group.ChatGuid, handle, add, Timeouts.UiActionTimeout));
    }
}

/// <summary>A request that cannot be carried out (nothing was sent); the message says why.</summary>
public sealed class SendPlanException(string message) : Exception(message);
