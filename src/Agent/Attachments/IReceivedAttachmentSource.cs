namespace LineAgent.Agent.Attachments;

/// <summary>A received attachment as chat.db records it.</summary>
/// <param name="Guid">attachment.guid.</param>
/// <param name="FilePath">attachment.filename as stored ("~/Library/Messages/Attachments/…"); null when not downloaded.</param>
/// <param name="TransferName">The name shown to users.</param>
/// <param name="MimeType">attachment.mime_type, when any.</param>
public sealed record ReceivedAttachment(string Guid, string? FilePath, string? TransferName, string? MimeType);

/// <summary>Looks attachments up by GUID in chat.db (implemented over the reader).</summary>
public interface IReceivedAttachmentSource
{
    /// <summary>The attachment row, or null when there is none.</summary>
    ReceivedAttachment? Find(string guid);
}
