using Grpc.Core;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Outbox;

/// <summary>The send RPCs on the real host over loopback gRPC, with osascript swapped for fake-messages.</summary>
public sealed class SendRpcTests
{
    private static async Task<(AgentTestServer Server, FakeChatDatabase Db)> StartAsync(TempDirectory dir, Action<SimConfig>? sim = null, params string[] extra)
    {
        var chatDb = AgentTestServer.ChatDbPath(dir);
        var db = FakeChatDatabase.Create(chatDb, SchemaVariant.Sequoia);
        var config = new SimConfig();
        sim?.Invoke(config);
        config.Save(SimConfig.PathFor(chatDb));
        var server = await AgentTestServer.StartAsync(dir,
        [
            "--MessagesDriver:OsascriptPath", SimulatedMessages.SimulatorPath,
            "--MessagesDriver:Environment:LINEAGENT_SIM_CHAT_DB", chatDb,
            "--MessagesDriver:LaunchSettleDelay", "00:00:00",
            "--Outbox:StagingDirectory", dir.File("staging"),
            "--Outbox:IdlePollInterval", "00:00:00.050",
            "--Correlation:PollInterval", "00:00:00.020",
            .. extra,
        ]);
        return (server, db);
    }

    private static Task<Proto.SendReceipt> WaitFinalAsync(AgentTestServer server, string sendId) =>
        Eventually.UntilAsync(() => server.Client.GetSend(new Proto.GetSendRequest { SendId = sendId }),
            r => IsSent(r.State) || r.State is Proto.SendState.Failed or Proto.SendState.Unconfirmed, "send to finish", TimeSpan.FromSeconds(60));

    /// <summary>Sent, and maybe already delivered or read (the simulator delivers within a second).</summary>
    private static bool IsSent(Proto.SendState state) => state is Proto.SendState.Sent or Proto.SendState.Delivered or Proto.SendState.Read;

    [Fact]
    public async Task SendMessage_Text_EndToEnd_AndARetryIsReplayed()
    {
        using var dir = new TempDirectory();
        var (server, db) = await StartAsync(dir, null, "--Pacing:Enabled", "false");
        await using var _ = server;
        using var __ = db;
        var request = new Proto.SendMessageRequest
        {
            IdempotencyKey = "rpc-1", To = "+15556660001",
            Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = "héllo \"world\" \\ \n & do shell script \"id\"" } } },
        };

        var receipt = await server.Client.SendMessageAsync(request);
        var done = await WaitFinalAsync(server, receipt.SendId);
        var retry = await server.Client.SendMessageAsync(request);

        Assert.False(receipt.Replayed);
        Assert.True(IsSent(done.State), done.State.ToString());
        Assert.Equal(db.Scalar("SELECT guid FROM message WHERE is_from_me = 1"), Assert.Single(done.MessageGuids));
        Assert.Equal("héllo \"world\" \\ \n & do shell script \"id\"", db.Scalar("SELECT text FROM message WHERE is_from_me = 1"));
        Assert.True(retry.Replayed);
        Assert.Equal(receipt.SendId, retry.SendId);
        Assert.True(IsSent(retry.State), retry.State.ToString());
        Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM message WHERE is_from_me = 1"));
        Assert.Contains(server.Journal.ReadAfter(0, 1000), e => e.Type == "send.sent" && e.MessageGuid == done.MessageGuids[0]);

        // Clients can follow sends on the event stream by type.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = server.Client.StreamEvents(new Proto.StreamEventsRequest { EventTypes = { "send.sent" } }, cancellationToken: cts.Token);
        Assert.True(await stream.ResponseStream.MoveNext(cts.Token));
        var streamed = stream.ResponseStream.Current.Event;
        Assert.Equal("send.sent", streamed.Type);
        Assert.Contains(receipt.SendId, streamed.DataJson);
    }

    [Fact]
    public async Task SameKey_DifferentRequest_IsFailedPrecondition()
    {
        using var dir = new TempDirectory();
        var (server, db) = await StartAsync(dir, null, "--Pacing:Enabled", "false");
        await using var _ = server;
        using var __ = db;
        Proto.SendMessageRequest Req(string text) => new()
        {
            IdempotencyKey = "same", To = "+15556660001", Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = text } } },
        };

        await server.Client.SendMessageAsync(Req("a"));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.SendMessageAsync(Req("b")));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
    }

    [Fact]
    public async Task NewContactBudget_IsResourceExhausted_WithRetryAfter()
    {
        using var dir = new TempDirectory();
        var (server, db) = await StartAsync(dir, null, "--Pacing:NewContactsPerDay", "1", "--Pacing:MessagesPerSecond", "100");
        await using var _ = server;
        using var __ = db;
        Proto.SendMessageRequest Req(string key, string to) => new()
        {
            IdempotencyKey = key, To = to, Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = "hi" } } },
        };

        await server.Client.SendMessageAsync(Req("1", "+15556660001"));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.SendMessageAsync(Req("2", "+15556660002")));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.True(long.Parse(ex.Trailers.GetValue("retry-after")!) > 3600);
    }

    [Fact]
    public async Task UploadedImage_IsStagedAndSent()
    {
        using var dir = new TempDirectory();
        var (server, db) = await StartAsync(dir, c => c.SandboxRoot = dir.File("staging"), "--Pacing:Enabled", "false");
        await using var _ = server;
        using var __ = db;
        var bytes = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 };
        using var upload = server.Client.UploadAttachment();
        await upload.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest
        {
            Metadata = new Proto.UploadMetadata
            {
                FileName = "holiday photo.jpg", MimeType = "image/jpeg", SizeBytes = bytes.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            },
        });
        await upload.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(bytes) });
        await upload.RequestStream.CompleteAsync();
        var stored = await upload;

        var receipt = await server.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "img", To = "+15556660001",
            Parts = { new Proto.OutgoingPart { Media = new Proto.MediaPart { AttachmentId = stored.AttachmentId } } },
        });
        var done = await WaitFinalAsync(server, receipt.SendId);

        Assert.True(IsSent(done.State), done.State.ToString());
        Assert.Equal("holiday photo.jpg", db.Scalar("SELECT transfer_name FROM attachment"));
        Assert.Equal((long)bytes.Length, db.Scalar("SELECT total_bytes FROM attachment"));
    }

    [Fact]
    public async Task GetLine_ReportsCapabilitiesFromTheProbes()
    {
        using var dir = new TempDirectory();
        var (server, db) = await StartAsync(dir, c => c.AccessibilityDenied = true);
        await using var _ = server;
        using var __ = db;

        var line = await server.Client.GetLineAsync(new Proto.GetLineRequest());

        Assert.Equal(Proto.Availability.Available, line.Health.AutomationPermission.Availability);
        Assert.Equal(Proto.Availability.Unavailable, line.Health.AccessibilityPermission.Availability);
        Assert.Equal(Proto.Availability.Available, line.Capabilities.Single(c => c.Capability == Proto.Capability.SendText).Availability);
        var tapbacks = line.Capabilities.Single(c => c.Capability == Proto.Capability.Tapbacks);
        Assert.Equal(Proto.Availability.Unavailable, tapbacks.Availability);
        Assert.Contains("Accessibility", tapbacks.Reason);

        var react = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.ReactAsync(new Proto.ReactRequest
        {
            IdempotencyKey = "r", MessageGuid = "6F1A2B3C-0000-0000-0000-000000000001", Reaction = Proto.ReactionType.Love,
        }));
        Assert.Equal(StatusCode.FailedPrecondition, react.StatusCode);
    }

    /// <summary>
    /// A UI action acts in whatever conversation its deep link opens, so targets are checked in chat.db first:
    /// NOT_FOUND naming the field, and nothing queued or run.
    /// </summary>
    [Fact]
    public async Task ReactAndSetTyping_ForTargetsChatDbDoesNotHold_AreNotFound_NamingTheField()
    {
        using var dir = new TempDirectory();
        var (server, db) = await StartAsync(dir);
        await using var _ = server;
        using var __ = db;
        var row = db.SendText(db.EnsureDirectChat("+15556660009"), "one part");

        async Task<RpcException> Fails(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);
        var unknown = await Fails(async () => await server.Client.ReactAsync(new Proto.ReactRequest
        {
            IdempotencyKey = "r1", MessageGuid = "6F1A2B3C-0000-0000-0000-00000000DEAD", Reaction = Proto.ReactionType.Love,
        }));
        var part = await Fails(async () => await server.Client.ReactAsync(new Proto.ReactRequest
        {
            IdempotencyKey = "r2", MessageGuid = row.Guid, Reaction = Proto.ReactionType.Like, PartIndex = 3,
        }));
        var typing = await Fails(async () => await server.Client.SetTypingAsync(new Proto.SetTypingRequest
        {
            IdempotencyKey = "t1", ChatGuid = "iMessage;-;+15556660404", Typing = true,
        }));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("message_guid: message '6F1A2B3C-", unknown.Status.Detail);
        Assert.Equal(StatusCode.NotFound, part.StatusCode);
        Assert.StartsWith("part_index: part of message", part.Status.Detail);
        Assert.Equal(StatusCode.NotFound, typing.StatusCode);
        Assert.StartsWith("chat_guid: chat 'iMessage;-;+15556660404' not found", typing.Status.Detail);
        Assert.DoesNotContain(SimConfig.Load(SimConfig.PathFor(AgentTestServer.ChatDbPath(dir))).Calls, c => c.StartsWith("ui-", StringComparison.Ordinal));

        var ok = await server.Client.ReactAsync(new Proto.ReactRequest { IdempotencyKey = "r3", MessageGuid = row.Guid, Reaction = Proto.ReactionType.Like });
        Assert.True(IsSent((await WaitFinalAsync(server, ok.SendId)).State));
    }

    /// <summary>"Messages running" is asked without launching Messages (probe-accounts would launch it, then report it running).</summary>
    [Fact]
    public async Task GetLine_WithMessagesNotRunning_SaysSo_AndDoesNotLaunchIt()
    {
        using var dir = new TempDirectory();
        var (server, db) = await StartAsync(dir, c => c.MessagesRunning = false);
        await using var _ = server;
        using var __ = db;

        var line = await server.Client.GetLineAsync(new Proto.GetLineRequest());

        Assert.Equal(Proto.Availability.Unavailable, line.Health.MessagesRunning.Availability);
        Assert.Contains("not running", line.Health.MessagesRunning.Reason);
        var sim = SimConfig.Load(SimConfig.PathFor(AgentTestServer.ChatDbPath(dir)));
        Assert.False(sim.MessagesRunning);
        Assert.DoesNotContain(sim.Calls, c => c.StartsWith("probe-accounts", StringComparison.Ordinal) || c.StartsWith("launch", StringComparison.Ordinal));
    }
}
