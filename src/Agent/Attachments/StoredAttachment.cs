namespace LineAgent.Agent.Attachments;

/// <summary>A completed upload, ready to be sent as a media part.</summary>
/// <param name="Id">Opaque id given to the client ("att_" + 32 hex digits).</param>
/// <param name="FileName">The validated, NFC-normalized name (also the file's name on disk).</param>
/// <param name="MimeType">Declared MIME type.</param>
/// <param name="SizeBytes">Size on disk, equal to the declared size.</param>
/// <param name="Sha256">Lowercase hex SHA-256, equal to the declared one.</param>
/// <param name="Path">Absolute path of the file.</param>
/// <param name="UploadedAt">When the upload completed.</param>
public sealed record StoredAttachment(string Id, string FileName, string MimeType, long SizeBytes, string Sha256, string Path, DateTimeOffset UploadedAt);

/// <summary>What the client declared before sending bytes (already validated).</summary>
public sealed record UploadSpec(string FileName, string MimeType, long SizeBytes, string Sha256);
