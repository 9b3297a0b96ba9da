using Grpc.Core;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.MessagesApp.Accessibility;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using Microsoft.Extensions.DependencyInjection;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Outbox;

/// <summary>
/// Reply, EditMessage, UnsendMessage, MarkChatRead, RenameChat and parallel_attachments on the real host over
/// loopback gRPC, the UI actions on the strict double: statuses name the field, limits are FAILED_PRECONDITION,
/// retries return the original receipt, and GetLine reports each capability (rename as unproven).
/// </summary>
public sealed class MessageActionRpcTests
{
    private const string Peer = "+15556660001";

    private static async Task<(AgentTestServer Server, FakeChatDatabase Db, StrictMessagesUi Ui)> StartAsync(TempDirectory dir,
        Action<SimConfig>? sim = null)
    {
        var chatDb = AgentTestServer.ChatDbPath(dir);
        var db = FakeChatDatabase.Create(chatDb, SchemaVariant.Sequoia);
        var config = new SimConfig();
        sim?.Invoke(config);
        config.Save(SimConfig.PathFor(chatDb));
        var ui = new StrictMessagesUi(db);
        // The actions go to the strict double; the accessibility health probe reads the simulated tree.
        var ax = SimulatedUiServer.Start(chatDb, dir.File("ax.sock"));
        var server = await AgentTestServer.StartAsync(dir,
        [
            .. ax.HostArguments,
            "--MessagesDriver:OsascriptPath", SimulatedMessages.SimulatorPath,
            "--MessagesDriver:Environment:LINEAGENT_SIM_CHAT_DB", chatDb,
            "--MessagesDriver:LaunchSettleDelay", "00:00:00",
            "--Outbox:IdlePollInterval", "00:00:00.050",
            "--Correlation:PollInterval", "00:00:00.020",
            "--Pacing:Enabled", "false",
        ], builder => builder.Services.AddSingleton<IMessagesUi>(ui));
        server.Owned.Add(ax);
        return (server, db, ui);
    }

    private static Task<Proto.SendReceipt> WaitFinalAsync(AgentTestServer server, string sendId) =>
        Eventually.UntilAsync(() => server.Client.GetSend(new Proto.GetSendRequest { SendId = sendId }),
            r => r.State is Proto.SendState.Sent or Proto.SendState.Delivered or Proto.SendState.Read or Proto.SendState.Failed
                or Proto.SendState.Unconfirmed, "send to finish", TimeSpan.FromSeconds(60));

    private static async Task<RpcException> Fails(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    [Fact]
    public async Task EachAction_EndToEnd_IsSent_AndARetryReplaysTheReceipt()
    {
        using var dir = new TempDirectory();
        var (server, db, ui) = await StartAsync(dir);
        await using var _ = server;
        using var __ = db;
        var chat = db.EnsureDirectChat(Peer);
        var inbound = db.ReceiveText(chat, Peer, "dinner?");
        var own = db.SendText(chat, "at 7", date: DateTimeOffset.UtcNow - TimeSpan.FromSeconds(30));
        var group = db.CreateGroupChat([Peer, "+15556660002"], "Old name");

        var reply = new Proto.ReplyRequest { IdempotencyKey = "a1", MessageGuid = inbound.Guid, Text = "sure" };
        var receipts = new List<Proto.SendReceipt>
        {
            await server.Client.ReplyAsync(reply),
            await server.Client.EditMessageAsync(new Proto.EditMessageRequest { IdempotencyKey = "a2", MessageGuid = own.Guid, Text = "at 8" }),
            await server.Client.MarkChatReadAsync(new Proto.MarkChatReadRequest { IdempotencyKey = "a3", ChatGuid = chat.Guid }),
            await server.Client.RenameChatAsync(new Proto.RenameChatRequest { IdempotencyKey = "a4", ChatGuid = group.Guid, Name = "New name" }),
            await server.Client.UnsendMessageAsync(new Proto.UnsendMessageRequest { IdempotencyKey = "a5", MessageGuid = own.Guid }),
        };
        var done = new List<Proto.SendReceipt>();
        foreach (var r in receipts)
            done.Add(await WaitFinalAsync(server, r.SendId));
        var retry = await server.Client.ReplyAsync(reply);

        Assert.All(done, d => Assert.Equal(Proto.SendState.Sent, d.State));
        Assert.True(retry.Replayed);
        Assert.Equal(receipts[0].SendId, retry.SendId);
        Assert.Equal(5, ui.Calls.Count);
        Assert.Equal([own.Guid], done[1].MessageGuids);
        Assert.Equal(group.Guid, done[3].ChatGuid);
        var kinds = server.Journal.ReadAfter(0, 10_000).Where(e => e.Type == "send.sent").Select(e => e.DataJson).ToList();
        foreach (var kind in new[] { "Reply", "Edit", "MarkRead", "RenameChat", "Unsend" })
            Assert.Contains(kinds, json => json.Contains($"\"{kind}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadRequests_AreInvalidArgument_NamingTheField()
    {
        using var dir = new TempDirectory();
        var (server, db, ui) = await StartAsync(dir);
        await using var _ = server;
        using var __ = db;
        var c = server.Client;

        var cases = new (Func<Task> Call, string Field)[]
        {
            (async () => await c.ReplyAsync(new Proto.ReplyRequest { IdempotencyKey = "b1", MessageGuid = "A", Text = " " }), "text"),
            (async () => await c.ReplyAsync(new Proto.ReplyRequest { IdempotencyKey = "b2", MessageGuid = "", Text = "x" }), "message_guid"),
            (async () => await c.ReplyAsync(new Proto.ReplyRequest { IdempotencyKey = "b3", MessageGuid = "A", PartIndex = -1, Text = "x" }), "part_index"),
            (async () => await c.EditMessageAsync(new Proto.EditMessageRequest { IdempotencyKey = "", MessageGuid = "A", Text = "x" }), "idempotency_key"),
            (async () => await c.EditMessageAsync(new Proto.EditMessageRequest { IdempotencyKey = "b5", MessageGuid = "A\"; do shell script", Text = "x" }), "message_guid"),
            (async () => await c.EditMessageAsync(new Proto.EditMessageRequest { IdempotencyKey = "b6", MessageGuid = "A", Text = new string('x', 10_001) }), "text"),
            (async () => await c.UnsendMessageAsync(new Proto.UnsendMessageRequest { IdempotencyKey = "b7", MessageGuid = "A", PartIndex = 1001 }), "part_index"),
            (async () => await c.MarkChatReadAsync(new Proto.MarkChatReadRequest { IdempotencyKey = "b8", ChatGuid = "iMessage;-;+15556660001\n" }), "chat_guid"),
            (async () => await c.RenameChatAsync(new Proto.RenameChatRequest { IdempotencyKey = "b9", ChatGuid = "iMessage;-;+15556660001", Name = "x" }), "chat_guid"),
            (async () => await c.RenameChatAsync(new Proto.RenameChatRequest { IdempotencyKey = "b10", ChatGuid = "iMessage;+;chat1", Name = "a\u202Eb" }), "name"),
            (async () => await c.RenameChatAsync(new Proto.RenameChatRequest { IdempotencyKey = "b11", ChatGuid = "iMessage;+;chat1", Name = new string('n', 129) }), "name"),
            (async () => await c.RenameChatAsync(new Proto.RenameChatRequest { IdempotencyKey = "b12", ChatGuid = "iMessage;+;chat1", Name = "   " }), "name"),
        };
        foreach (var (call, field) in cases)
        {
            var ex = await Fails(call);
            Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
            Assert.StartsWith(field + ":", ex.Status.Detail);
        }
        Assert.Empty(ui.Calls);
    }

    [Fact]
    public async Task UnknownTargets_AreNotFound_AndLimits_AreFailedPrecondition()
    {
        using var dir = new TempDirectory();
        var (server, db, ui) = await StartAsync(dir);
        await using var _ = server;
        using var __ = db;
        var chat = db.EnsureDirectChat(Peer);
        var theirs = db.ReceiveText(chat, Peer, "hi");
        var stale = db.SendText(chat, "old", date: DateTimeOffset.UtcNow - TimeSpan.FromMinutes(20));
        var c = server.Client;

        var unknown = await Fails(async () => await c.EditMessageAsync(new Proto.EditMessageRequest
            { IdempotencyKey = "n1", MessageGuid = "6F1A2B3C-0000-0000-0000-00000000DEAD", Text = "x" }));
        var noChat = await Fails(async () => await c.MarkChatReadAsync(new Proto.MarkChatReadRequest { IdempotencyKey = "n2", ChatGuid = "iMessage;-;+15556669999" }));
        var notOwn = await Fails(async () => await c.UnsendMessageAsync(new Proto.UnsendMessageRequest { IdempotencyKey = "n3", MessageGuid = theirs.Guid }));
        var tooOldEdit = await Fails(async () => await c.EditMessageAsync(new Proto.EditMessageRequest { IdempotencyKey = "n4", MessageGuid = stale.Guid, Text = "new" }));
        var tooOldUnsend = await Fails(async () => await c.UnsendMessageAsync(new Proto.UnsendMessageRequest { IdempotencyKey = "n5", MessageGuid = stale.Guid }));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("message_guid: message '6F1A2B3C-", unknown.Status.Detail);
        Assert.Equal(StatusCode.NotFound, noChat.StatusCode);
        Assert.StartsWith("chat_guid: chat", noChat.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, notOwn.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, tooOldEdit.StatusCode);
        Assert.Contains("15 minutes", tooOldEdit.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, tooOldUnsend.StatusCode);
        Assert.Contains("2 minutes", tooOldUnsend.Status.Detail);
        Assert.Empty(ui.Calls);
    }

    [Fact]
    public async Task GetLine_ReportsTheNewCapabilities_RenameAsUnproven_AndRefusesThemWithoutAccessibility()
    {
        using var dir = new TempDirectory();
        var (server, db, ui) = await StartAsync(dir);
        await using var _ = server;
        using var __ = db;

        var line = await server.Client.GetLineAsync(new Proto.GetLineRequest());
        Proto.CapabilityStatus Of(Proto.Capability c) => line.Capabilities.Single(s => s.Capability == c);
        foreach (var c in new[] { Proto.Capability.Replies, Proto.Capability.Edits, Proto.Capability.Unsends, Proto.Capability.MarkRead })
            Assert.Equal(Proto.Availability.Available, Of(c).Availability);
        Assert.Equal(Proto.Availability.Available, Of(Proto.Capability.ParallelAttachments).Availability);
        Assert.StartsWith("available on macOS 12+", Of(Proto.Capability.ParallelAttachments).Reason);
        Assert.Contains("unproven", Of(Proto.Capability.ParallelAttachments).Reason);
        Assert.Equal(Proto.Availability.Unknown, Of(Proto.Capability.GroupRename).Availability);
        Assert.StartsWith("unproven:", Of(Proto.Capability.GroupRename).Reason);

        using var dir2 = new TempDirectory();
        var (locked, db2, ui2) = await StartAsync(dir2, s => s.AccessibilityDenied = true);
        await using var ___ = locked;
        using var ____ = db2;
        var chat = db2.EnsureDirectChat(Peer);
        db2.ReceiveText(chat, Peer, "unread");
        var refused = await Fails(async () => await locked.Client.MarkChatReadAsync(new Proto.MarkChatReadRequest { IdempotencyKey = "m1", ChatGuid = chat.Guid }));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("MarkRead", refused.Status.Detail);
        Assert.Empty(ui2.Calls);
    }

    [Fact]
    public async Task ParallelAttachments_AreValidated_SentAsOneUiSend_AndRefusedWithoutAccessibility()
    {
        using var dir = new TempDirectory();
        var (server, db, ui) = await StartAsync(dir);
        await using var _ = server;
        using var __ = db;
        var chat = db.EnsureDirectChat(Peer);
        var ids = new List<string>();
        for (var i = 0; i < 11; i++)
            ids.Add(await UploadAsync(server, $"p{i}.jpg"));

        var split = await Fails(async () => await server.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "p1", ChatGuid = chat.Guid, ParallelAttachments = true, Parts = { Media(ids[0]), Text("between"), Media(ids[1]) },
        }));
        var tooMany = await Fails(async () => await server.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "p2", ChatGuid = chat.Guid, ParallelAttachments = true, Parts = { ids.Select(Media) },
        }));
        var most = await server.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "p3", ChatGuid = chat.Guid, ParallelAttachments = true, Parts = { ids.Take(10).Select(Media) },
        });

        Assert.Equal(StatusCode.InvalidArgument, split.StatusCode);
        Assert.StartsWith("parallel_attachments:", split.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.StartsWith("parts: at most 10", tooMany.Status.Detail);
        Assert.Equal(Proto.SendState.Sent, (await WaitFinalAsync(server, most.SendId)).State);
        Assert.Equal(["images 10"], ui.Calls);

        using var dir2 = new TempDirectory();
        var (denied, db2, ui2) = await StartAsync(dir2, s => s.AccessibilityDenied = true);
        await using var ___ = denied;
        using var ____ = db2;
        var chat2 = db2.EnsureDirectChat(Peer);
        var a = await UploadAsync(denied, "a.jpg");
        var b = await UploadAsync(denied, "b.jpg");
        var refused = await Fails(async () => await denied.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "p4", ChatGuid = chat2.Guid, ParallelAttachments = true, Parts = { Media(a), Media(b) },
        }));
        var oneByOne = await denied.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = "p5", ChatGuid = chat2.Guid, Parts = { Media(a), Media(b) },
        });

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("ParallelAttachments", refused.Status.Detail);
        Assert.True((await WaitFinalAsync(denied, oneByOne.SendId)).State is Proto.SendState.Sent or Proto.SendState.Delivered or Proto.SendState.Read);
        Assert.Empty(ui2.Calls);
    }

    private static Proto.OutgoingPart Media(string id) => new() { Media = new Proto.MediaPart { AttachmentId = id } };

    private static Proto.OutgoingPart Text(string t) => new() { Text = new Proto.TextPart { Text = t } };

    private static async Task<string> UploadAsync(AgentTestServer server, string name)
    {
        using var call = server.Client.UploadAttachment();
        await call.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest
        {
            Metadata = new Proto.UploadMetadata
            {
                FileName = name, MimeType = "image/jpeg", SizeBytes = 3,
                Sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(new byte[] { 1, 2, 3 })),
            },
        });
        await call.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(1, 2, 3) });
        await call.RequestStream.CompleteAsync();
        return (await call.ResponseAsync).AttachmentId;
    }
}
