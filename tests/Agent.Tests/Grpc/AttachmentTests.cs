using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using LineAgent.Agent.Attachments;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.DependencyInjection;

namespace LineAgent.Agent.Tests.Grpc;

public sealed class AttachmentTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Content(int size) => Enumerable.Range(0, size).Select(i => (byte)(i * 31 % 251)).ToArray();

    private static async Task<UploadAttachmentResponse> UploadAsync(LineAgent.Protocol.V1.LineAgent.LineAgentClient client, UploadMetadata metadata, byte[] content, int chunk = 64 * 1024)
    {
        using var call = client.UploadAttachment();
        try
        {
            await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Metadata = metadata });
            for (var offset = 0; offset < content.Length; offset += chunk)
                await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Chunk = ByteString.CopyFrom(content, offset, Math.Min(chunk, content.Length - offset)) });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The server may reject the upload (after the metadata) while chunks are still being written; its
            // status is the call's result, below.
        }
        return await call;
    }

    private static UploadMetadata Metadata(byte[] content, string name = "photo.jpg") => new()
    {
        FileName = name,
        MimeType = "image/jpeg",
        SizeBytes = content.Length,
        Sha256 = Convert.ToHexString(SHA256.HashData(content)),
    };

    private string UploadDirectory => Path.Combine(AgentTestServer.StateDirectory(_dir), "uploads");

    [Fact]
    public async Task Upload_InChunks_StoresTheFileUnderAnIdUsableInAMediaPart()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var content = Content(300_000);
        var response = await UploadAsync(server.Client, Metadata(content, "Café Menü.jpg"), content);

        Assert.Matches("^att_[0-9a-f]{32}$", response.AttachmentId);
        Assert.Equal(content.Length, response.SizeBytes);
        var stored = server.App.Services.GetRequiredService<AttachmentStore>().Find(response.AttachmentId);
        Assert.NotNull(stored);
        Assert.Equal(content, await File.ReadAllBytesAsync(stored.Path));
        Assert.Equal("Café Menü.jpg", Path.GetFileName(stored.Path));
        Assert.StartsWith(UploadDirectory, stored.Path);

        // The media part validates against the store: this id passes validation and reaches the send gateway.
        var send = await server.Client.SendMessageAsync(new SendMessageRequest
        {
            IdempotencyKey = "k1", To = "+15550001111",
            Parts = { new OutgoingPart { Media = new MediaPart { AttachmentId = response.AttachmentId } } },
        });
        Assert.False(string.IsNullOrEmpty(send.SendId));
    }

    [Fact]
    public async Task Upload_CorruptContent_IsRejectedNamingSha256AndLeavesNothingBehind()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var content = Content(10_000);
        var metadata = Metadata(content);
        content[5000] ^= 0xFF; // flipped in transit
        var ex = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(server.Client, metadata, content));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("metadata.sha256:", ex.Status.Detail);
        Assert.Empty(Directory.EnumerateFiles(UploadDirectory, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_OverTheLimitOrTheDeclaredSize_IsRejected()
    {
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Attachments:MaxUploadBytes", "1000"]);
        var big = Content(1001);
        var over = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(server.Client, Metadata(big), big));
        Assert.Equal(StatusCode.InvalidArgument, over.StatusCode);
        Assert.Contains("exceeds this agent's limit of 1000 bytes", over.Status.Detail);

        var content = Content(500);
        var lying = Metadata(content);
        lying.SizeBytes = 400;
        var more = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(server.Client, lying, content, chunk: 100));
        Assert.StartsWith("chunk:", more.Status.Detail);

        lying.SizeBytes = 600;
        var fewer = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(server.Client, lying, content));
        Assert.StartsWith("metadata.size_bytes: declared 600 bytes, received 500", fewer.Status.Detail);
        Assert.Empty(Directory.EnumerateFiles(UploadDirectory, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("dir/file.jpg")]
    [InlineData("..\\evil.jpg")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("bad\u0000name.jpg")]
    [InlineData("tab\tname.jpg")]
    [InlineData("a:b.jpg")]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Upload_BadFileName_IsRejectedNamingTheField(string name)
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var content = Content(10);
        var ex = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(server.Client, Metadata(content, name), content));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("metadata.file_name:", ex.Status.Detail);
    }

    [Fact]
    public async Task Upload_StreamIdleLongerThanTheTimeout_EndsDeadlineExceededAndLeavesNothingBehind()
    {
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Attachments:UploadIdleTimeout", "00:00:00.300"]);
        var content = Content(1000);
        using var call = server.Client.UploadAttachment();
        await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Metadata = Metadata(content) });
        await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Chunk = ByteString.CopyFrom(content, 0, 500) });
        // ...and then nothing: no more chunks, no end of stream.

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Contains("Attachments:UploadIdleTimeout", ex.Status.Detail);
        await Eventually.UntilAsync(() => Directory.EnumerateFiles(UploadDirectory, "*", SearchOption.AllDirectories).Count(),
            n => n == 0, "the partial upload to be discarded");
    }

    [Fact]
    public async Task Start_RemovesLeftoversOfInterruptedUploads_AndKeepsCompletedOnes()
    {
        string kept;
        await using (var first = await AgentTestServer.StartAsync(_dir))
        {
            var content = Content(100);
            kept = (await UploadAsync(first.Client, Metadata(content), content)).AttachmentId;
        }
        // As a kill -9 mid-upload, or between moving the file and writing its metadata, leaves them.
        var part = Path.Combine(UploadDirectory, ".incoming", "att_" + new string('3', 32) + ".part");
        await File.WriteAllBytesAsync(part, new byte[4096]);
        var orphan = Path.Combine(UploadDirectory, "att_" + new string('4', 32));
        Directory.CreateDirectory(orphan);
        await File.WriteAllBytesAsync(Path.Combine(orphan, "photo.jpg"), new byte[4096]);

        await using var second = await AgentTestServer.StartAsync(_dir);
        await Eventually.UntilAsync(() => File.Exists(part) || Directory.Exists(orphan), gone => !gone, "the leftovers to be removed");
        Assert.NotNull(second.App.Services.GetRequiredService<AttachmentStore>().Find(kept));
    }

    [Fact]
    public async Task Upload_WithoutMetadataFirst_IsRejected()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        using var call = server.Client.UploadAttachment();
        await call.RequestStream.WriteAsync(new UploadAttachmentRequest { Chunk = ByteString.CopyFromUtf8("x") });
        await call.RequestStream.CompleteAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.StartsWith("metadata:", ex.Status.Detail);
    }

    [Fact]
    public async Task Download_ReceivedAttachment_StreamsItsBytesFromAnOffset()
    {
        var content = Content(200_000);
        var file = Path.Combine(AgentTestServer.AttachmentRoot(_dir), "ab", "01", "GUID", "IMG_0001.jpeg");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, content);
        using var db = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sonoma);
        var chat = db.EnsureDirectChat("+15550001111");
        var (_, attachment) = db.SendAttachment(chat, new NewAttachment { Filename = file, TotalBytes = content.Length }, from: "+15550001111");
        await using var server = await AgentTestServer.StartAsync(_dir);

        var (info, bytes) = await DownloadAsync(server, attachment.Guid, offset: 0);
        Assert.Equal(content, bytes);
        Assert.Equal("IMG_0001.jpeg", info.FileName);
        Assert.Equal(content.Length, info.TotalBytes);

        var (resumed, tail) = await DownloadAsync(server, attachment.Guid, offset: 150_000);
        Assert.Equal(150_000, resumed.Offset);
        Assert.Equal(content[150_000..], tail);

        var beyond = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(server, attachment.Guid, offset: 200_001));
        Assert.Equal(StatusCode.OutOfRange, beyond.StatusCode);
    }

    [Fact]
    public async Task Download_PathOutsideTheAttachmentRoots_IsNotServed()
    {
        var secret = _dir.File("secret.txt");
        await File.WriteAllTextAsync(secret, "not for the API");
        var root = AgentTestServer.AttachmentRoot(_dir);
        Directory.CreateDirectory(root);
        File.CreateSymbolicLink(Path.Combine(root, "link.txt"), secret);

        using var db = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sonoma);
        var chat = db.EnsureDirectChat("+15550001111");
        var (_, traversal) = db.SendAttachment(chat, new NewAttachment { Filename = Path.Combine(root, "..", "secret.txt") }, from: "+15550001111");
        var (_, symlink) = db.SendAttachment(chat, new NewAttachment { Filename = Path.Combine(root, "link.txt") }, from: "+15550001111");
        var (_, absolute) = db.SendAttachment(chat, new NewAttachment { Filename = secret }, from: "+15550001111");
        await using var server = await AgentTestServer.StartAsync(_dir);

        foreach (var guid in new[] { traversal.Guid, symlink.Guid, absolute.Guid })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(server, guid, 0));
            Assert.Equal(StatusCode.NotFound, ex.StatusCode);
            Assert.DoesNotContain("secret", ex.Status.Detail);
        }
    }

    [Fact]
    public async Task Download_FifoInsideTheRoot_IsRefusedAtOnceWithoutPinningThreadsAndGetSendStaysResponsive()
    {
        if (OperatingSystem.IsWindows())
            return;
        var fifo = Path.Combine(AgentTestServer.AttachmentRoot(_dir), "ab", "02", "GUID", "evicted.heic");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        MakeFifo(fifo);
        using var db = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sonoma);
        var chat = db.EnsureDirectChat("+15550001111");
        var (_, attachment) = db.SendAttachment(chat, new NewAttachment { Filename = fifo }, from: "+15550001111");
        await using var server = await AgentTestServer.StartAsync(_dir);

        var threadsBefore = ThreadPool.ThreadCount;
        var calls = Enumerable.Range(0, 100).Select(async _ =>
        {
            using var call = server.Client.DownloadAttachment(
                new DownloadAttachmentRequest { AttachmentGuid = attachment.Guid }, deadline: DateTime.UtcNow.AddSeconds(10));
            try
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None)) { }
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }).ToList();
        var statuses = await Task.WhenAll(calls);
        try
        {
            Assert.All(statuses, status => Assert.Equal(StatusCode.FailedPrecondition, status));

            // The agent still answers at once: GetSend of an unknown send is NOT_FOUND well within its deadline.
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var getSend = await Assert.ThrowsAsync<RpcException>(() => server.Client.GetSendAsync(
                new GetSendRequest { IdempotencyKey = "never-sent" }, deadline: DateTime.UtcNow.AddSeconds(5)).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, getSend.StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"GetSend took {watch.Elapsed}");
            Assert.True(ThreadPool.ThreadCount - threadsBefore < 20, $"thread pool grew from {threadsBefore} to {ThreadPool.ThreadCount}");
        }
        finally
        {
            // Had the server blocked in open(2), a writer releases it so the host can stop (only then: with no
            // reader waiting, opening the write end would block this test instead).
            if (statuses.Any(s => s != StatusCode.FailedPrecondition))
                await using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
        }
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static async Task<(DownloadInfo Info, byte[] Bytes)> DownloadAsync(AgentTestServer server, string guid, long offset)
    {
        using var call = server.Client.DownloadAttachment(new DownloadAttachmentRequest { AttachmentGuid = guid, Offset = offset });
        DownloadInfo? info = null;
        var bytes = new MemoryStream();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            info ??= call.ResponseStream.Current.Info;
            call.ResponseStream.Current.Chunk.WriteTo(bytes);
        }
        return (info!, bytes.ToArray());
    }
}
