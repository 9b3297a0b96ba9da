using LineAgent.Agent.Attachments;

namespace LineAgent.Agent.Outbox;

/// <summary>
/// <see cref="IUploadsInUse"/> over the outbox: the media parts of queued and sending sends, whose uploads must
/// outlive the upload retention until the send has staged them.
/// </summary>
public sealed class OutboxUploadsInUse(OutboxStore outbox) : IUploadsInUse
{
    public IReadOnlySet<string> AttachmentIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in new[] { SendState.Queued, SendState.Sending })
        {
            foreach (var entry in outbox.ListInState(state, int.MaxValue))
            {
                if (entry.Request is not MessageSend message)
                    continue;
                foreach (var part in message.Parts)
                {
                    if (part.Kind == OutboundPartKind.Media)
                        ids.Add(part.Value);
                }
            }
        }
        return ids;
    }
}
