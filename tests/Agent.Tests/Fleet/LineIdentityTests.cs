using LineAgent.Agent.Configuration;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.Fleet;

/// <summary>Issue 13 §1: the line says who it is — a stable id, the handles it sends from, its accounts.</summary>
public sealed class LineIdentityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task LineId_IsGeneratedOnce_KeptOwnerOnly_AndTheSameAfterARestart()
    {
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia)) { }
        string first;
        await using (var server = await AgentTestServer.StartAsync(_dir))
            first = (await server.Client.GetLineAsync(new GetLineRequest())).LineId;
        await using (var server = await AgentTestServer.StartAsync(_dir))
            Assert.Equal(first, (await server.Client.GetLineAsync(new GetLineRequest())).LineId);

        Assert.Matches(AgentOptions.LineIdPattern, first);
        var file = Path.Combine(AgentTestServer.StateDirectory(_dir), LineIdSource.FileName);
        Assert.Equal(first, File.ReadAllText(file).Trim());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task LineId_Configured_WinsOverTheStoredOne()
    {
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia)) { }
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Agent:LineId", "office-7.mac-2"]);
        Assert.Equal("office-7.mac-2", (await server.Client.GetLineAsync(new GetLineRequest())).LineId);
        Assert.False(File.Exists(Path.Combine(AgentTestServer.StateDirectory(_dir), LineIdSource.FileName)));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("line\n2")]
    public async Task LineId_Malformed_StopsTheStartNamingTheKey(string value)
    {
        AgentTestServer.WriteToken(_dir);
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = AgentHost.Build(AgentTestServer.Arguments(_dir, "--Agent:LineId", value));
            await app.StartAsync();
        });
        Assert.Contains("Agent:LineId: ", ConfigurationValidation.Describe(ex));
    }

    [Fact]
    public void LineIdFile_Damaged_IsNeverSilentlyReplaced()
    {
        var state = _dir.File("state");
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, LineIdSource.FileName), "not a valid id!\n");
        var source = new LineIdSource(Options.Create(new AgentOptions { StateDirectory = state, ChatDbPath = _dir.File("chat.db") }));
        var ex = Assert.Throws<InvalidOperationException>(source.Get);
        Assert.Contains("Agent:LineId", ex.Message);
        Assert.Equal("not a valid id!\n", File.ReadAllText(Path.Combine(state, LineIdSource.FileName)));
    }

    [Fact]
    public async Task Handles_ComeFromChatDb_NewestUseFirst_WithTheDefaultCallerId()
    {
        using (var db = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia))
        {
            var chat = db.EnsureDirectChat("+15551230001");
            db.OwnerAddress = "owner@example.com";
            db.SendText(chat, "older", date: DateTimeOffset.UtcNow.AddDays(-2));
            db.OwnerAddress = "+15550009999";
            db.SendText(chat, "newer", date: DateTimeOffset.UtcNow.AddMinutes(-5));
            db.ReceiveText(chat, "+15551230001", "a reply");   // received rows name no owner address
        }
        await using var server = await AgentTestServer.StartAsync(_dir);
        var line = await server.Client.GetLineAsync(new GetLineRequest());

        Assert.Equal(["+15550009999", "owner@example.com"], line.Handles);
        Assert.Equal("+15550009999", line.DefaultCallerId);
    }

    [Fact]
    public async Task Handles_EmptyChatDb_AreEmpty_NotGuessed()
    {
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia)) { }
        await using var server = await AgentTestServer.StartAsync(_dir);
        var line = await server.Client.GetLineAsync(new GetLineRequest());
        Assert.Empty(line.Handles);
        Assert.Equal("", line.DefaultCallerId);
        Assert.Empty(line.Accounts);     // no osascript here: the accounts probe could not run
    }

    [Fact]
    public async Task Accounts_ComeFromTheAccountsProbe_WithServiceEnabledAndConnectionState()
    {
        using var sim = new SimulatedMessages(configure: c => { c.SmsAvailable = true; c.ConnectingProbes = 1; });
        var agent = Options.Create(new AgentOptions { ChatDbPath = sim.ChatDbPath, StateDirectory = sim.Directory.File("state") });
        using var chatDb = new LineAgent.Agent.ChatDb.ChatDbSource(sim.ChatDbPath);
        var probe = new MessagesCapabilityProbe(sim.Driver(), TimeProvider.System);
        var identity = new LineIdentitySource(new LineIdSource(agent), chatDb, TimeProvider.System);
        var provider = new MessagesLineStatusProvider(chatDb, TimeProvider.System, probe, identity);

        var connecting = await provider.GetStatusAsync(CancellationToken.None);
        var imessage = Assert.Single(connecting.Accounts, a => a.Service == "iMessage");
        Assert.Equal("connecting", imessage.ConnectionStatus);
        Assert.False(imessage.IsConnected);
        Assert.Contains(connecting.Accounts, a => a.Service == "SMS" && a.IsConnected);
        // The account's address is a handle even before any message went out; not the default caller id while connecting.
        Assert.Equal(["owner@example.com"], connecting.Handles);
        Assert.Null(connecting.DefaultCallerId);

        probe.Invalidate();
        var connected = await provider.GetStatusAsync(CancellationToken.None);
        Assert.True(Assert.Single(connected.Accounts, a => a.Service == "iMessage").IsConnected);
        Assert.Equal("owner@example.com", connected.DefaultCallerId);
        Assert.Equal(connected.Accounts.Count, probe.LastKnown!.Accounts.Count);
    }
}
