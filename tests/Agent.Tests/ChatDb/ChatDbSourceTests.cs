using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LineAgent.Agent.Tests.ChatDb;

public sealed class ChatDbSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// "~/" + enough "../" to climb out of the home directory, then the temp path: a real home-relative path that
    /// never touches a file under $HOME.
    /// </summary>
    private static string HomeRelative(string absolute)
    {
        var depth = Path.GetFullPath(AgentPaths.Home).Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        return "~/" + string.Concat(Enumerable.Repeat("../", depth)) + absolute.TrimStart('/');
    }

    [Fact]
    public void Path_ExpandsHomeAndNormalises()
    {
        var absolute = _dir.File("Messages/chat.db");
        using var source = new ChatDbSource(HomeRelative(absolute));
        Assert.Equal(absolute, source.Path);
        Assert.Equal(Path.Combine(AgentPaths.Home, "Library/Messages/chat.db"), new ChatDbSource("~/Library/Messages/chat.db").Path);
    }

    /// <summary>Agent:ChatDbPath = "~/…" must work for every reader in the host, not only the change feed.</summary>
    [Fact]
    public async Task HomeRelativeChatDbPath_WorksForHistoryCorrelationHealthAndTheFeed()
    {
        using var writer = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia);
        var chat = writer.EnsureDirectChat("+15550001111");
        var message = writer.ReceiveText(chat, "+15550001111", "hello");
        var configured = HomeRelative(AgentTestServer.ChatDbPath(_dir));
        await using var server = await AgentTestServer.StartAsync(_dir, ["--chat-db", configured]);

        // History
        var chats = await server.Client.ListChatsAsync(new ListChatsRequest());
        Assert.Equal([chat.Guid], chats.Chats.Select(c => c.Guid));
        var got = await server.Client.GetMessageAsync(new GetMessageRequest { MessageGuid = message.Guid });
        Assert.Equal("hello", got.Text);
        // Correlation (the send pipeline's view)
        var view = server.App.Services.GetRequiredService<IChatDbView>();
        Assert.Equal(message.RowId, view.MaxMessageRowId());
        Assert.True(view.HasHistoryWith("+15550001111"));
        // Health: GetLine's probe and the gRPC health check
        var line = await server.Client.GetLineAsync(new GetLineRequest());
        Assert.Equal(Availability.Available, line.Health.ChatDbReadable.Availability);
        var health = await server.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Entries["chat.db"].Status);
        // The feed
        Assert.Equal(AgentTestServer.ChatDbPath(_dir), server.App.Services.GetRequiredService<ChangeFeedWorker>().ChatDbPath);
        await Eventually.UntilAsync(() => server.Journal.ReadCursor("chatdb"), c => c is not null, "the feed to start");
    }

    [Fact]
    public void CheckReadable_SaysWhatIsWrong()
    {
        using var missing = new ChatDbSource(_dir.File("none/chat.db"));
        Assert.Contains("does not exist", missing.CheckReadable().Problem);

        File.WriteAllText(_dir.File("text.db"), "this is not sqlite, just text that is long enough to be read as a header");
        using var text = new ChatDbSource(_dir.File("text.db"));
        Assert.Contains("not an SQLite database", text.CheckReadable().Problem);

        using (var w = FakeChatDatabase.Create(_dir.File("ok/chat.db"), SchemaVariant.Sequoia))
            w.ReceiveText(w.EnsureDirectChat("+15550001111"), "+15550001111", "x");
        using var ok = new ChatDbSource(_dir.File("ok/chat.db"));
        var readable = ok.CheckReadable();
        Assert.True(readable.IsReadable, readable.Problem);
        Assert.Equal(1, readable.MaxMessageRowId);
    }
}
