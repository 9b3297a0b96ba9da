using LineAgent.Agent.Attachments;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Outbox.Staging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Outbox;

/// <summary>Turns a request into its script calls (one per bubble: each AppleScript `send` is its own message).</summary>
public sealed class SendPlanner(IMessagesDriver driver, AttachmentStager stager, AttachmentStore uploads, IChatDbView chatDb,
    IOptions<CorrelationOptions> correlation)
{
    private CorrelationOptions Timeouts => correlation.Value;

    /// <summary>The steps of <paramref name="request"/>. Throws <see cref="SendPlanException"/> for a request that cannot be sent.</summary>
    public IReadOnlyList<SendStep> Plan(OutboundRequest request) => request switch
    {
        MessageSend m => m.Parts.Select(p => PartStep(m.Target(), p)).ToList(),
        LocationSend l => [LocationStep(l)],
        ReactionSend r => [TapbackStep(r)],
        TypingSend t => [new SendStep("typing", false, ct => driver.SetTypingAsync(new ChatTarget(t.ChatGuid), t.Typing, ct), () => null)],
        CreateChatSend c => [CreateChatStep(c)],
        AddParticipantSend a => [ParticipantStep(a.ChatGuid, a.Handle, add: true)],
        RemoveParticipantSend r => [ParticipantStep(r.ChatGuid, r.Handle, add: false)],
        _ => throw new SendPlanException($"Unsupported send kind {request.Kind}."),
    };

    private SendStep PartStep(SendTarget target, OutboundPart part) => part.Kind switch
    {
        OutboundPartKind.Text => TextStep(target, part.Value),
        // The URL alone through the compose field, so Messages builds the preview; without Accessibility the
        // same URL goes out as plain text (no preview, BlueBubbles #244) rather than not at all.
        OutboundPartKind.RichLink => new SendStep("rich link", false, ct => driver.SendRichLinkAsync(target, part.Value, ct),
            () => CorrelationExpectation.Text(target, part.Value, Timeouts.UiActionTimeout))
        {
            Fallback = TextStep(target, part.Value),
        },
        OutboundPartKind.Media => MediaStep(target, part.Value),
        _ => throw new SendPlanException($"Unsupported part kind {part.Kind}."),
    };

    private SendStep TextStep(SendTarget target, string text) =>
        new("text", false, ct => driver.SendTextAsync(target, text, ct),
            () => CorrelationExpectation.Text(target, text, Timeouts.TextTimeout));

    private SendStep MediaStep(SendTarget target, string attachmentId)
    {
        string? staged = null;
        var upload = uploads.Find(attachmentId);
        var name = AttachmentFileNames.Sanitize(upload?.FileName);
        return new SendStep("attachment", true,
            ct => driver.SendFileAsync(target, staged!, ct),
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

    private SendStep LocationStep(LocationSend request)
    {
        var target = request.Target();
        string? staged = null;
        var name = LocationCard.FileName(request.LocationName);
        return new SendStep("location", true,
            ct => driver.SendFileAsync(target, staged!, ct),
            () => CorrelationExpectation.File(target, name, Timeouts.AttachmentTimeout))
        {
            Prepare = () =>
            {
                staged = stager.Stage(LocationCard.Bytes(request.Latitude, request.Longitude), name);
                return [staged];
            },
        };
    }

    private SendStep TapbackStep(ReactionSend request) =>
        new("tapback", false, ct => driver.SendTapbackAsync(request.MessageGuid, request.Reaction, ct),
            () => CorrelationExpectation.Tapback(request.MessageGuid, request.Reaction, request.Remove, Timeouts.UiActionTimeout));

    private SendStep CreateChatStep(CreateChatSend request) =>
        new("create chat", false, ct => driver.CreateGroupAsync(request.Recipients, request.Text, ct),
            () => CorrelationExpectation.NewGroup(request.Recipients, request.Text, chatDb.GetChat, Timeouts.UiActionTimeout));

    private SendStep ParticipantStep(string chatGuid, string handle, bool add)
    {
        var group = new ChatTarget(chatGuid);
        return new SendStep(add ? "add participant" : "remove participant", false,
            ct => add ? driver.AddParticipantAsync(group, handle, ct) : driver.RemoveParticipantAsync(group, handle, ct),
            () => CorrelationExpectation.Participant(group.ChatGuid, handle, add, Timeouts.UiActionTimeout));
    }
}

/// <summary>A request that cannot be carried out (nothing was sent); the message says why.</summary>
public sealed class SendPlanException(string message) : Exception(message);
