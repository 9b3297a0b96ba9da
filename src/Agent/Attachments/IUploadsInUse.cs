namespace LineAgent.Agent.Attachments;

/// <summary>Uploads that sends not yet handed to Messages still need (implemented over the outbox).</summary>
public interface IUploadsInUse
{
    /// <summary>The attachment ids referenced by queued or sending sends.</summary>
    IReadOnlySet<string> AttachmentIds();
}

/// <summary>Without a send pipeline nothing holds an upload.</summary>
internal sealed class NoUploadsInUse : IUploadsInUse
{
    public IReadOnlySet<string> AttachmentIds() => new HashSet<string>();
}
