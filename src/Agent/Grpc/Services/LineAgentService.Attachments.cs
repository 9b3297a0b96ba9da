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
        var idle = attachmentOptions.Value.UploadIdleTimeout;
        using var idleTimer = new CancellationTokenSource(idle, time);
        using var readToken = CancellationTokenSource.CreateLinkedTokenSource(ct, idleTimer.Token);

        // Each wait for the caller's next message is bounded: an idle stream would otherwise hold its partial
        // upload (and a request slot) for as long as the connection lives.
        async Task<bool> NextAsync()
        {
            idleTimer.CancelAfter(idle);
            try
            {
                return await requestStream.MoveNext(readToken.Token);
            }
            catch (OperationCanceledException) when (idleTimer.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new TimedOutException(
                    $"no upload message for {idle} (Attachments:UploadIdleTimeout); the partial upload was discarded. Upload the file again.");
            }
            finally
            {
                idleTimer.CancelAfter(Timeout.InfiniteTimeSpan); // writing a chunk to disk is not idleness
            }
        }

        if (!await NextAsync() || requestStream.Current.ItemCase != UploadAttachmentRequest.ItemOneofCase.Metadata)
            throw new InvalidFieldException("metadata", "the first message must carry the metadata (file_name, mime_type, size_bytes, sha256)");
        var spec = ValidateUpload(requestStream.Current.Metadata);

        await using var writer = uploads.Begin(spec);
        while (await NextAsync())
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

        switch (RegularFile.TryOpenRead(path, out var opened))
        {
            case RegularFile.OpenResult.Missing:
                throw new NotFoundException("attachment file", row.Guid);
            case RegularFile.OpenResult.NotRegular:
                GrpcLog.DownloadNotRegularFile(logger, row.Guid);
                throw new PreconditionFailedException($"Attachment '{row.Guid}' is not a regular file on this Mac.",
                    "only regular files are served; check the file in ~/Library/Messages/Attachments.");
        }

        using var handle = opened!;
        var total = RandomAccess.GetLength(handle);
        if (request.Offset > total)
            throw new OutOfRangeException($"offset {request.Offset} is beyond the end of the file ({total} bytes)");

        var info = new DownloadInfo
        {
            FileName = row.TransferName ?? Path.GetFileName(path),
            MimeType = row.MimeType ?? "",
            TotalBytes = total,
            Offset = request.Offset,
        };
        var stall = attachmentOptions.Value.DownloadStallTimeout;
        var buffer = new byte[DownloadChunkBytes];
        var position = request.Offset;
        var first = true;
        while (true)
        {
            int read;
            try
            {
                // A read that does not return in time (an iCloud-evicted file being fetched, a hung network
                // volume) ends this call instead of holding it open; the abandoned read finishes on its own.
                read = await RandomAccess.ReadAsync(handle, buffer, position, context.CancellationToken).AsTask()
                    .WaitAsync(stall, time, context.CancellationToken);
            }
            catch (TimeoutException)
            {
                GrpcLog.DownloadStalled(logger, row.Guid, stall);
                throw new ServiceUnavailableException(
                    $"Attachment '{row.Guid}': reading the file took longer than {stall} (Attachments:DownloadStallTimeout); " +
                    "the file may still be downloading to this Mac. Retry later, resuming at the offset received so far.");
            }
            position += read;
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
