namespace LineAgent.Agent.Outbox.Attachments;

/// <summary>An upload stored by UploadAttachment: where its bytes are and what it is called.</summary>
/// <param name="AttachmentId">The id the caller references in a media part.</param>
/// <param name="ContentPath">The stored bytes.</param>
/// <param name="FileName">The name recipients see (validated by the upload; sanitized again when staged).</param>
/// <param name="MimeType">The declared MIME type.</param>
public sealed record UploadedAttachment(string AttachmentId, string ContentPath, string FileName, string? MimeType);

/// <summary>Looks up uploads by attachment id (implemented over the gRPC layer's upload store).</summary>
public interface IUploadedAttachments
{
    /// <summary>The upload, or null when the id is unknown or its file is gone.</summary>
    UploadedAttachment? Find(string attachmentId);
}
