using Grpc.Core;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Grpc;

public sealed class HistoryTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private FakeChatDatabase CreateChatDb() => FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia);

    [Fact]
    public async Task ListMessages_PagesBackwardsNewestFirst_ThenForwardAfterARowid()
    {
        using var db = CreateChatDb();
        var chat = db.EnsureDirectChat("+15550001111");
        var sent = Enumerable.Range(1, 7).Select(n => db.ReceiveText(chat, "+15550001111", $"m{n}")).ToList();
        db.EnsureDirectChat("+15550002222"); // another chat's rows must not leak in
        await using var server = await AgentTestServer.StartAsync(_dir);

        var texts = new List<string>();
        var request = new ListMessagesRequest { ChatGuid = chat.Guid, PageSize = 3 };
        int pages = 0;
        do
        {
            var page = await server.Client.ListMessagesAsync(request);
            texts.AddRange(page.Messages.Select(m => m.Text));
            request = new ListMessagesRequest { ChatGuid = chat.Guid, PageSize = 3, PageToken = page.NextPageToken };
            pages++;
        } while (request.PageToken.Length > 0);
        Assert.Equal(["m7", "m6", "m5", "m4", "m3", "m2", "m1"], texts);
        Assert.Equal(3, pages);

        var forward = await server.Client.ListMessagesAsync(new ListMessagesRequest { ChatGuid = chat.Guid, AfterRowid = sent[3].RowId, PageSize = 2 });
        Assert.Equal(["m5", "m6"], forward.Messages.Select(m => m.Text));
        var next = await server.Client.ListMessagesAsync(new ListMessagesRequest { ChatGuid = chat.Guid, PageSize = 2, PageToken = forward.NextPageToken });
        Assert.Equal(["m7"], next.Messages.Select(m => m.Text));
        Assert.Equal("", next.NextPageToken);
    }

    [Fact]
    public async Task ListChats_PagesThroughEveryChatOnce()
    {
        using var db = CreateChatDb();
        var guids = Enumerable.Range(0, 5).Select(n => db.EnsureDirectChat($"+1555000{n:D4}").Guid).ToList();
        var group = db.CreateGroupChat(["+15550000001", "a@example.com"], "Team");
        await using var server = await AgentTestServer.StartAsync(_dir);

        var chats = new List<Chat>();
        var token = "";
        do
        {
            var page = await server.Client.ListChatsAsync(new ListChatsRequest { PageSize = 2, PageToken = token });
            chats.AddRange(page.Chats);
            token = page.NextPageToken;
        } while (token.Length > 0);

        Assert.Equal([.. guids, group.Guid], chats.Select(c => c.Guid));
        var team = await server.Client.GetChatAsync(new GetChatRequest { ChatGuid = group.Guid });
        Assert.True(team.IsGroup);
        Assert.Equal("Team", team.DisplayName);
        Assert.Equal(["+15550000001", "a@example.com"], team.Participants.Order());
    }

    [Fact]
    public async Task History_BadInputs_GetPreciseStatuses()
    {
        using var db = CreateChatDb();
        var chat = db.EnsureDirectChat("+15550001111");
        await using var server = await AgentTestServer.StartAsync(_dir);

        var notFound = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.GetMessageAsync(new GetMessageRequest { MessageGuid = "NO-SUCH-GUID" }));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("NO-SUCH-GUID", notFound.Status.Detail);

        var noChat = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.ListMessagesAsync(new ListMessagesRequest { ChatGuid = "iMessage;-;+19999999999" }));
        Assert.Equal(StatusCode.NotFound, noChat.StatusCode);

        var badToken = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.ListMessagesAsync(new ListMessagesRequest { ChatGuid = chat.Guid, PageToken = "not-a-token" }));
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
        Assert.StartsWith("page_token:", badToken.Status.Detail);

        var badSize = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.ListChatsAsync(new ListChatsRequest { PageSize = 501 }));
        Assert.StartsWith("page_size:", badSize.Status.Detail);

        var badGuid = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.GetChatAsync(new GetChatRequest { ChatGuid = "hello" }));
        Assert.Equal(StatusCode.InvalidArgument, badGuid.StatusCode);
        Assert.StartsWith("chat_guid:", badGuid.Status.Detail);
    }

    [Fact]
    public async Task History_WithoutChatDb_FailsPreconditionWithTheFix()
    {
        await using var server = await AgentTestServer.StartAsync(_dir);
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await server.Client.ListChatsAsync(new ListChatsRequest()));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("chat.db", ex.Status.Detail);
    }

    [Fact]
    public async Task ChatDbCommit_ReachesStreamClient_AsTheSameMessageHistoryReturns()
    {
        using var db = CreateChatDb();
        var chat = db.EnsureDirectChat("+15550001111");
        await using var server = await AgentTestServer.StartAsync(_dir);
        using var cts = new CancellationTokenSource(HangGuard);
        using var call = server.Client.StreamEvents(new StreamEventsRequest { EventTypes = { "message.received" } }, cancellationToken: cts.Token);
        await call.ResponseHeadersAsync;

        var row = db.ReceiveText(chat, "+15550001111", "hi from the fake Messages 👋");

        Event? received = null;
        while (received is null && await call.ResponseStream.MoveNext(cts.Token))
            received = call.ResponseStream.Current.Event;
        Assert.NotNull(received);
        Assert.Equal(row.Guid, received.MessageGuid);

        var fromHistory = await server.Client.GetMessageAsync(new GetMessageRequest { MessageGuid = row.Guid });
        Assert.Equal("hi from the fake Messages 👋", fromHistory.Text);
        Assert.Equal(fromHistory, received.Message);
        cts.Cancel();
    }
}
