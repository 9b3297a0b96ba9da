using Google.Protobuf;
using Grpc.Core;
using LineAgent.Agent.Attachments;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// UploadAttachment and DownloadAttachment.
public sealed partial class LineAgentService
{
    /// <summary>Bytes per DownloadAttachment message.</summary>
    public const int DownloadChunkBytes = 64 * 1024;

    public override async Task<UploadAttachmentResponse> UploadAttachment(IAsyncStreamReader<UploadAttachmentRequest> requestStream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct) || requestStream.Current.ItemCase != UploadAttachmentRequest.ItemOneofCase.Metadata)
            throw new InvalidFieldException("metadata", "the first message must carry the metadata (file_name, mime_type, size_bytes, sha256)");
        var spec = ValidateUpload(requestStream.Current.Metadata);

        await using var writer = uploads.Begin(spec);
        while (await requestStream.MoveNext(ct))
        {
            var item = requestStream.Current;
            if (item.ItemCase != UploadAttachmentRequest.ItemOneofCase.Chunk)
                throw new InvalidFieldException("metadata", "sent more than once; only the first message carries metadata");
            if (!await writer.WriteAsync(item.Chunk.Memory, ct))
                throw new InvalidFieldException("chunk", $"more bytes than the declared size_bytes ({spec.SizeBytes})");
        }

        var (stored, sizeProblem, hashProblem) = await writer.CompleteAsync(ct);
        if (sizeProblem is not null)
            throw new InvalidFieldException("metadata.size_bytes", sizeProblem);
        if (hashProblem is not null)
            throw new InvalidFieldException("metadata.sha256", hashProblem);
        GrpcLog.AttachmentStored(logger, stored!.Id, stored.SizeBytes);
        return new UploadAttachmentResponse
        {
            AttachmentId = stored.Id,
            FileName = stored.FileName,
            SizeBytes = stored.SizeBytes,
            Sha256 = stored.Sha256,
        };
    }

    private UploadSpec ValidateUpload(UploadMetadata metadata)
    {
        var name = AttachmentFileNames.Validate(metadata.FileName, out var nameProblem)
                   ?? throw new InvalidFieldException("metadata.file_name", nameProblem);
        if (string.IsNullOrEmpty(metadata.MimeType) || !Fields.IsMimeType(metadata.MimeType))
            throw new InvalidFieldException("metadata.mime_type", "required, as \"type/subtype\" (e.g. \"image/jpeg\")");
        if (metadata.SizeBytes <= 0)
            throw new InvalidFieldException("metadata.size_bytes", "must be at least 1");
        if (metadata.SizeBytes > uploads.MaxUploadBytes)
            throw new InvalidFieldException("metadata.size_bytes",
                $"{metadata.SizeBytes} bytes exceeds this agent's limit of {uploads.MaxUploadBytes} bytes (Attachments:MaxUploadBytes)");
        if (!Fields.IsSha256Hex(metadata.Sha256))
            throw new InvalidFieldException("metadata.sha256", "required, 64 hexadecimal digits");
        return new UploadSpec(name, metadata.MimeType, metadata.SizeBytes, metadata.Sha256.ToLowerInvariant());
    }

    public override async Task DownloadAttachment(DownloadAttachmentRequest request, IServerStreamWriter<DownloadAttachmentResponse> responseStream, ServerCallContext context)
    {
        Fields.Guid(request.AttachmentGuid, "attachment_guid", "attachment");
        if (request.Offset < 0)
            throw new InvalidFieldException("offset", "must not be negative");
        var row = receivedAttachments.Find(request.AttachmentGuid)
                  ?? throw new NotFoundException("attachment", request.AttachmentGuid);
        if (string.IsNullOrEmpty(row.FilePath))
            throw new PreconditionFailedException($"Attachment '{row.Guid}' has no file on this Mac yet.",
                "wait for Messages to finish downloading it (or open the chat in Messages), then retry.");
        var path = receivedPaths.Resolve(row.FilePath);
        if (path is null)
        {
            // Either missing on disk or outside the allowed roots; do not reveal which path was refused.
            if (File.Exists(AgentAttachmentPath(row.FilePath)))
                GrpcLog.DownloadOutsideRoots(logger, row.Guid);
            throw new NotFoundException("attachment file", row.Guid);
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, DownloadChunkBytes, useAsync: true);
        var total = file.Length;
        if (request.Offset > total)
            throw new OutOfRangeException($"offset {request.Offset} is beyond the end of the file ({total} bytes)");
        file.Seek(request.Offset, SeekOrigin.Begin);

        var info = new DownloadInfo
        {
            FileName = row.TransferName ?? Path.GetFileName(path),
            MimeType = row.MimeType ?? "",
            TotalBytes = total,
            Offset = request.Offset,
        };
        var buffer = new byte[DownloadChunkBytes];
        var first = true;
        while (true)
        {
            var read = await file.ReadAsync(buffer, context.CancellationToken);
            if (read == 0 && !first)
                break;
            var message = new DownloadAttachmentResponse { Chunk = ByteString.CopyFrom(buffer, 0, read) };
            if (first)
                message.Info = info;
            first = false;
            await responseStream.WriteAsync(message, context.CancellationToken);
            if (read == 0)
                break;
        }
    }

    private static string AgentAttachmentPath(string chatDbPath) => Configuration.AgentPaths.ExpandHome(chatDbPath);
}
