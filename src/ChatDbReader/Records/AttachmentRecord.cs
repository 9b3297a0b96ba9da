namespace LineAgent.ChatDbReader.Records;

/// <summary>An attachment joined to a message (message_attachment_join).</summary>
/// <param name="RowId">attachment.ROWID.</param>
/// <param name="Guid">attachment.guid (matches __kIMFileTransferGUIDAttributeName in the body).</param>
/// <param name="TransferName">The original file name.</param>
/// <param name="MimeType">attachment.mime_type; may be null (then use <paramref name="Uti"/>).</param>
/// <param name="Uti">Uniform type identifier, e.g. public.jpeg, com.apple.coreaudio-format.</param>
/// <param name="TotalBytes">Size in bytes (0 when unknown).</param>
/// <param name="Path">attachment.filename with the leading "~/" Messages stores expanded to the home directory; null
/// until Messages knows where the file lives.</param>
/// <param name="TransferState">attachment.transfer_state; 5 = finished/downloaded (BlueBubbles). Others are not corroborated.</param>
/// <param name="IsOutgoing">attachment.is_outgoing.</param>
/// <param name="IsSticker">attachment.is_sticker.</param>
public sealed record AttachmentRecord(long RowId, string Guid, string? TransferName, string? MimeType, string? Uti,
    long TotalBytes, string? Path, int TransferState, bool IsOutgoing, bool IsSticker)
{
    /// <summary>attachment.transfer_state value meaning the file is complete on disk.</summary>
    public const int TransferStateFinished = 5;
}
