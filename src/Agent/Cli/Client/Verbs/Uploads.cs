using System.Security.Cryptography;
using Google.Protobuf;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>
/// Uploads a file the way UploadAttachment wants it, done for the user: metadata first (name, MIME type by extension,
/// exact size, SHA-256 of the content), then the bytes in 256 KiB chunks. The agent checks all of it.
/// </summary>
internal static class Uploads
{
    private const int ChunkBytes = 256 * 1024;

    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".gif"] = "image/gif",
        [".heic"] = "image/heic", [".webp"] = "image/webp", [".mp4"] = "video/mp4", [".mov"] = "video/quicktime",
        [".m4a"] = "audio/mp4", [".mp3"] = "audio/mpeg", [".caf"] = "audio/x-caf", [".pdf"] = "application/pdf",
        [".txt"] = "text/plain", [".vcf"] = "text/vcard", [".zip"] = "application/zip", [".json"] = "application/json",
    };

    public static string MimeType(string path) => MimeTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");

    /// <exception cref="UsageException">The path is not a readable regular file.</exception>
    public static async Task<Proto.UploadAttachmentResponse> UploadAsync(Proto.LineAgent.LineAgentClient client, string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Attributes.HasFlag(FileAttributes.Directory))
            throw new UsageException($"--file {path}: no such file");
        string sha256;
        long size;
        try
        {
            await using var hashing = File.OpenRead(path);
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing, cancellationToken));
            size = hashing.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--file {path}: cannot be read ({ex.Message})");
        }

        using var call = client.UploadAttachment(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest
        {
            Metadata = new Proto.UploadMetadata { FileName = info.Name, MimeType = MimeType(path), SizeBytes = size, Sha256 = sha256 },
        }, cancellationToken);
        await using (var content = File.OpenRead(path))
        {
            var buffer = new byte[ChunkBytes];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                await call.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest { Chunk = ByteString.CopyFrom(buffer, 0, read) }, cancellationToken);
        }
        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }
}
