using Grpc.Core;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Fleet;

/// <summary>Issue 13 §4: CheckHandle answers from chat.db's 1:1 history, newest evidence first; sends can be refused.</summary>
public sealed class HandleCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly TempDirectory _dir = new();

    public HandleCheckTests()
    {
        using var db = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia);
        var delivered = db.EnsureDirectChat("+15558880001");
        db.MarkDelivered(db.SendText(delivered, "ok", date: Now.AddHours(-3)), Now.AddHours(-2));

        var failing = db.EnsureDirectChat("+15558880002");
        db.MarkDelivered(db.SendText(failing, "once fine", date: Now.AddDays(-3)), Now.AddDays(-3));
        db.MarkFailed(db.SendText(failing, "then not", date: Now.AddHours(-1)), error: 22);

        var recovered = db.EnsureDirectChat("+15558880003");
        db.MarkFailed(db.SendText(recovered, "failed first", date: Now.AddDays(-2)), error: 22);
        db.ReceiveText(recovered, "+15558880003", "now on iMessage", date: Now.AddHours(-1));

        var otherError = db.EnsureDirectChat("+15558880004");
        db.MarkFailed(db.SendText(otherError, "some other failure", date: Now.AddHours(-1)), error: 4);

        // In a group only: a group says nothing about one member.
        db.CreateGroupChat(["+15558880005", "+15558880001"]);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("+15558880001", HandleReach.KnownImessage)]
    [InlineData("+15558880002", HandleReach.KnownFailing)]
    [InlineData("+15558880003", HandleReach.KnownImessage)]
    [InlineData("+15558880004", HandleReach.Unknown)]
    [InlineData("+15558880005", HandleReach.Unknown)]
    [InlineData("never@example.com", HandleReach.Unknown)]
    public async Task CheckHandle_NewestEvidenceDecides(string handle, HandleReach expected)
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var check = await server.Client.CheckHandleAsync(new CheckHandleRequest { Handle = handle });
        Assert.Equal(handle, check.Handle);
        Assert.Equal(expected, check.Reach);
    }

    [Fact]
    public async Task CheckHandle_ShowsTheEvidence()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var check = await server.Client.CheckHandleAsync(new CheckHandleRequest { Handle = "+15558880002" });
        Assert.Equal(1, check.DeliveredCount);
        Assert.Equal(1, check.FailedCount);
        Assert.Equal(22, check.LastFailedError);
        Assert.True(check.LastFailedAt.ToDateTimeOffset() > check.LastDeliveredAt.ToDateTimeOffset());
        Assert.Equal(0, check.ReceivedImessageCount);
        Assert.Null(check.LastReceivedImessageAt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5558880001")]
    [InlineData("a@b.co\u200b")]
    public async Task CheckHandle_MalformedHandle_IsInvalidArgumentNamingTheField(string handle)
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.CheckHandleAsync(new CheckHandleRequest { Handle = handle }));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("handle:", ex.Status.Detail);
    }

    private static SendMessageRequest Text(string key, string to) =>
        new() { IdempotencyKey = key, To = to, Parts = { new OutgoingPart { Text = new TextPart { Text = "hello" } } } };

    [Fact]
    public async Task RefuseKnownFailingHandles_RefusesOnlyThoseWithTheCode()
    {
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Outbox:RefuseKnownFailingHandles", "true"]);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.SendMessageAsync(Text("to-failing", "+15558880002")));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("known_failing_handle", ex.Trailers.GetValue(FailureCodeTrailer.Key));
        Assert.Contains("not delivered", ex.Status.Detail);
        Assert.DoesNotContain(server.Journal.ReadAfter(0, 100), e => e.Type == "send.queued");

        Assert.False((await server.Client.SendMessageAsync(Text("to-known", "+15558880001"))).Replayed);
        Assert.False((await server.Client.SendMessageAsync(Text("to-unknown", "never@example.com"))).Replayed);
    }

    [Fact]
    public async Task KnownFailingHandles_AreAcceptedByDefault()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        Assert.False(string.IsNullOrEmpty((await server.Client.SendMessageAsync(Text("to-failing", "+15558880002"))).SendId));
    }
}
