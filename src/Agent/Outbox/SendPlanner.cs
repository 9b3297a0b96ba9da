using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Outbox.Attachments;

namespace LineAgent.Agent.Outbox;

/// <summary>Turns a request into its script calls (one per bubble: each AppleScript `send` is its own message).</summary>
public sealed class SendPlanner(IMessagesDriver driver, AttachmentStager stager, IUploadedAttachments uploads, IChatDbView chatDb,
    SendCorrelator correlator)
{
    private CorrelationOptions Timeouts => correlator.Options;

    /// <summary>The steps of <paramref name="request"/>. Throws <see cref="SendPlanException"/> for a request that cannot be sent.</summary>
    public IReadOnlyList<SendStep> Plan(OutboundRequest request) => request.Kind switch
    {
        SendKind.Message => request.Parts.Select(p => PartStep(request.Target()!, p)).ToList(),
        SendKind.Location => [LocationStep(request)],
        SendKind.Reaction => [TapbackStep(request)],
        SendKind.Typing => [new SendStep("typing", false, ct => driver.SetTypingAsync(request.Target()!, request.Typing, ct), () => null)],
        SendKind.CreateChat => [CreateChatStep(request)],
        SendKind.AddParticipant or SendKind.RemoveParticipant => [ParticipantStep(request)],
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
        var name = FileNames.Sanitize(upload?.FileName);
        return new SendStep("attachment", true,
            ct => driver.SendFileAsync(target, staged!, ct),
            () => CorrelationExpectation.File(target, name, Timeouts.AttachmentTimeout))
        {
            Prepare = () =>
            {
                var found = uploads.Find(attachmentId)
                    ?? throw new SendPlanException($"Attachment '{attachmentId}' is no longer stored; upload it again. Nothing was sent.");
                staged = stager.Stage(found.ContentPath, found.FileName);
                return [staged];
            },
        };
    }

    private SendStep LocationStep(OutboundRequest request)
    {
        var target = request.Target()!;
        string? staged = null;
        var name = LocationCard.FileName(request.LocationName);
        return new SendStep("location", true,
            ct => driver.SendFileAsync(target, staged!, ct),
            () => CorrelationExpectation.File(target, name, Timeouts.AttachmentTimeout))
        {
            Prepare = () =>
            {
                staged = stager.Stage(LocationCard.Bytes(request.Latitude!.Value, request.Longitude!.Value), name);
                return [staged];
            },
        };
    }

    private SendStep TapbackStep(OutboundRequest request)
    {
        var kind = request.Reaction ?? throw new SendPlanException("A reaction needs a tapback kind.");
        return new SendStep("tapback", false, ct => driver.SendTapbackAsync(request.MessageGuid!, kind, ct),
            () => CorrelationExpectation.Tapback(request.MessageGuid!, kind, request.Remove, Timeouts.UiActionTimeout));
    }

    private SendStep CreateChatStep(OutboundRequest request) =>
        new("create chat", false, ct => driver.CreateGroupAsync(request.Recipients, request.Text!, ct),
            () => CorrelationExpectation.NewGroup(request.Recipients, request.Text!, chatDb.GetChat, Timeouts.UiActionTimeout));

    private SendStep ParticipantStep(OutboundRequest request)
    {
        var group = new ChatTarget(request.ChatGuid!);
        var add = request.Kind == SendKind.AddParticipant;
        return new SendStep(add ? "add participant" : "remove participant", false,
            ct => add ? driver.AddParticipantAsync(group, request.Handle!, ct) : driver.RemoveParticipantAsync(group, request.Handle!, ct),
            () => CorrelationExpectation.Participant(group.ChatGuid, request.Handle!, add, Timeouts.UiActionTimeout));
    }
}

/// <summary>A request that cannot be carried out (nothing was sent); the message says why.</summary>
public sealed class SendPlanException(string message) : Exception(message);
