using LineAgent.Agent.Attachments;
using LineAgent.Agent.Outbox.Attachments;

namespace LineAgent.Agent.Outbox;

/// <summary><see cref="IUploadedAttachments"/> over the gRPC layer's <see cref="AttachmentStore"/> (UploadAttachment).</summary>
public sealed class StoredUploads(AttachmentStore store) : IUploadedAttachments
{
    /// <inheritdoc />
    public UploadedAttachment? Find(string attachmentId) =>
        store.Find(attachmentId) is { } stored && File.Exists(stored.Path)
            ? new UploadedAttachment(stored.Id, stored.Path, stored.FileName, stored.MimeType)
            : null;
}
