using LineAgent.Agent.Configuration;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Fleet.Gateway;

/// <summary>
/// Issue 13 §5: the agent dials out to a gateway (real gRPC over loopback), streams the journal from the cursor the
/// gateway asks for, answers commands, and loses or repeats nothing across a dropped stream and an agent restart.
/// </summary>
public sealed class GatewayTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static Proto.Command Send(string commandId) => new()
    {
        CommandId = commandId,
        SendMessage = new Proto.SendMessageRequest
        {
            IdempotencyKey = "gw-1", To = "+15559990001",
            Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = "hello through the gateway" } } },
        },
    };

    private static Proto.GatewayMessage Subscribe(long after) => new() { Subscribe = new Proto.StreamEventsRequest { AfterCursor = after } };

    private static Proto.GatewayMessage Ack(long cursor) => new() { Ack = new Proto.Ack { Cursor = cursor } };

    /// <summary>
    /// Waits until the session has received an event that matches (events that arrived while waiting for a command's
    /// result count too), checking every event of the session is after the cursor it subscribed at.
    /// </summary>
    private static async Task<Proto.Event> EventsUntilAsync(GatewaySession session, long after, Func<Proto.Event, bool> match)
    {
        while (true)
        {
            var events = session.Received.Where(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Event).Select(m => m.Event).ToList();
            Assert.All(events, e => Assert.True(e.Cursor > after, $"event {e.Id} (cursor {e.Cursor}) arrived on a stream subscribed after {after}"));
            if (events.FirstOrDefault(match) is { } found)
                return found;
            await session.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Event, Wait);
        }
    }

    private static IEnumerable<(long Cursor, string Id)> Events(GatewaySession session) =>
        session.Received.Where(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Event).Select(m => (m.Event.Cursor, m.Event.Id));

    /// <summary>An agent on an empty chat.db that has dialled out to a new test gateway: its session, past Hello.</summary>
    private sealed class DialedLine : IAsyncDisposable
    {
        private readonly TestGateway _gateway;
        private readonly TempDirectory _dir;

        private DialedLine(TestGateway gateway, TempDirectory dir, AgentTestServer server, GatewaySession session)
        {
            _gateway = gateway;
            _dir = dir;
            Server = server;
            Session = session;
        }

        public AgentTestServer Server { get; }

        public GatewaySession Session { get; }

        public static async Task<DialedLine> StartAsync()
        {
            var gateway = await TestGateway.StartAsync();
            var dir = new TempDirectory();
            using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(dir), SchemaVariant.Sequoia)) { }
            var server = await AgentTestServer.StartAsync(dir, ["--Gateway:Url", gateway.Url, "--Gateway:MinBackoff", "00:00:00.050"]);
            var session = await gateway.Sessions.ReadAsync(new CancellationTokenSource(Wait).Token);
            await session.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Hello, Wait);
            return new DialedLine(gateway, dir, server, session);
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            await _gateway.DisposeAsync();
            _dir.Dispose();
        }
    }

    [Fact]
    public async Task Gateway_Connects_Acks_SurvivesADropAndARestart_WithEveryEventAndOneSend()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var dir = new TempDirectory();
        var chatDbPath = AgentTestServer.ChatDbPath(dir);
        using var db = FakeChatDatabase.Create(chatDbPath, SchemaVariant.Sequoia);
        new SimConfig { DeliveredDelayMs = 300 }.Save(SimConfig.PathFor(chatDbPath));
        var tokenFile = dir.File("gateway.token");
        File.WriteAllText(tokenFile, TestGateway.Token + "\n");
        string[] args =
        [
            "--MessagesDriver:OsascriptPath", SimulatedMessages.SimulatorPath,
            "--MessagesDriver:Environment:LINEAGENT_SIM_CHAT_DB", chatDbPath,
            "--MessagesDriver:LaunchSettleDelay", "00:00:00",
            "--Outbox:IdlePollInterval", "00:00:00.050",
            "--Correlation:PollInterval", "00:00:00.020",
            "--Pacing:Enabled", "false",
            "--Gateway:Url", gateway.Url,
            "--Gateway:TokenFile", tokenFile,
            "--Gateway:MinBackoff", "00:00:00.050",
            "--Gateway:MaxBackoff", "00:00:00.250",
            "--Gateway:HeartbeatInterval", "00:00:01",
        ];

        var server = await AgentTestServer.StartAsync(dir, args);
        try
        {
            // Session 1: hello with the line id and the token, a status, then events from 0 and a send.
            var s1 = await gateway.Sessions.ReadAsync(new CancellationTokenSource(Wait).Token);
            var hello = (await s1.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Hello, Wait)).Hello;
            var lineId = (await server.Client.GetLineAsync(new Proto.GetLineRequest())).LineId;
            Assert.Equal(lineId, hello.LineId);
            Assert.Equal(lineId, hello.Line.LineId);
            Assert.Equal("Bearer " + TestGateway.Token, gateway.Authorizations[0]);
            var status = (await s1.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Status, Wait)).Status;
            Assert.Equal(3, status.TtlSeconds);

            await s1.SendAsync(Subscribe(0));
            await s1.SendAsync(new Proto.GatewayMessage { Command = Send("c1") });
            var first = (await s1.NextAsync(m => m.Result?.CommandId == "c1", Wait)).Result.Receipt;
            Assert.False(first.Replayed);
            var sent = await EventsUntilAsync(s1, 0, e => e.Type == "send.sent");
            await s1.SendAsync(Ack(sent.Cursor));
            var acked = sent.Cursor;
            // Dropped mid-stream: the delivery receipt is still to come.
            s1.Drop();

            // Session 2: resumes after the ack; the same command again is answered with the same send, not a second one.
            var s2 = await gateway.Sessions.ReadAsync(new CancellationTokenSource(Wait).Token);
            await s2.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Hello, Wait);
            await s2.SendAsync(Subscribe(acked));
            await s2.SendAsync(new Proto.GatewayMessage { Command = Send("c2") });
            var again = (await s2.NextAsync(m => m.Result?.CommandId == "c2", Wait)).Result.Receipt;
            Assert.True(again.Replayed);
            Assert.Equal(first.SendId, again.SendId);
            var delivered = await EventsUntilAsync(s2, acked, e => e.Type == "send.delivered");
            await s2.SendAsync(Ack(delivered.Cursor));
            acked = delivered.Cursor;

            // The agent restarts; the gateway resumes after its ack and sees what happened meanwhile.
            await server.DisposeAsync();
            var chat = db.EnsureDirectChat("+15559990001");
            db.ReceiveText(chat, "+15559990001", "a reply while the agent was down");
            server = await AgentTestServer.StartAsync(dir, args);
            var s3 = await gateway.Sessions.ReadAsync(new CancellationTokenSource(Wait).Token);
            await s3.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Hello, Wait);
            await s3.SendAsync(Subscribe(acked));
            await s3.SendAsync(new Proto.GatewayMessage { Command = Send("c3") });
            var third = (await s3.NextAsync(m => m.Result?.CommandId == "c3", Wait)).Result.Receipt;
            Assert.True(third.Replayed);
            Assert.Equal(first.SendId, third.SendId);
            Assert.Equal(Proto.SendState.Delivered, third.State);
            await EventsUntilAsync(s3, acked, e => e.Type == "message.received");

            // Exactly once after de-duplication by id: every journal event up to the last one seen, none twice with two ids.
            var seen = Events(s1).Concat(Events(s2)).Concat(Events(s3)).ToList();
            var journal = server.Journal.ReadAfter(0, 10_000);
            var last = seen.Max(s => s.Cursor);
            Assert.Equal(journal.Where(e => e.Cursor <= last).Select(e => (e.Cursor, e.Id)),
                seen.Distinct().OrderBy(s => s.Cursor));
            Assert.Equal(1L, db.Scalar("SELECT COUNT(*) FROM message WHERE is_from_me = 1"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public void EverySendLikeRpc_HasACommand_SoADialOutLineCanDoWhatADialInLineCan()
    {
        var commandRequests = Proto.Command.Descriptor.Oneofs.Single(o => o.Name == "request").Fields
            .Select(f => f.MessageType.FullName).ToHashSet();
        var sendLike = Proto.LineAgent.Descriptor.Methods
            .Where(m => !m.IsClientStreaming && !m.IsServerStreaming && m.OutputType.FullName == Proto.SendReceipt.Descriptor.FullName)
            .Select(m => m.InputType.FullName).ToList();

        Assert.NotEmpty(sendLike);
        Assert.All(sendLike, request => Assert.Contains(request, commandRequests));
    }

    [Fact]
    public async Task Commands_AnswerWithTheRpcsStatus_AndASubscribeOutOfRangeIsRefusedNotGapped()
    {
        await using var line = await DialedLine.StartAsync();
        var s = line.Session;

        await s.SendAsync(new Proto.GatewayMessage { Command = new Proto.Command
        {
            CommandId = "bad", SendMessage = new Proto.SendMessageRequest { IdempotencyKey = "k", To = "not-a-handle",
                Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = "x" } } } },
        } });
        var bad = (await s.NextAsync(m => m.Result?.CommandId == "bad", Wait)).Result;
        Assert.Equal((int)global::Grpc.Core.StatusCode.InvalidArgument, bad.Error.Code);
        Assert.StartsWith("to:", bad.Error.Message);

        await s.SendAsync(new Proto.GatewayMessage { Command = new Proto.Command { CommandId = "line", GetLine = new Proto.GetLineRequest() } });
        Assert.False(string.IsNullOrEmpty((await s.NextAsync(m => m.Result?.CommandId == "line", Wait)).Result.Line.LineId));

        await s.SendAsync(Subscribe(1_000_000));
        var refused = (await s.NextAsync(m => m.Result?.CommandId == "subscribe", Wait)).Result;
        Assert.Equal((int)global::Grpc.Core.StatusCode.OutOfRange, refused.Error.Code);
    }

    [Fact]
    public async Task Subscribe_EveryKindOfEvent_ArrivesAsItsMapping_AndAFilteredStreamKeepsUpPastWhatItSkips()
    {
        await using var line = await DialedLine.StartAsync();
        var (server, s) = (line.Server, line.Session);

        // Journaled by the agent's own journal, so stored in this build's encoding: sent as stored, byte for byte the mapping.
        var start = server.Journal.LastCursor;
        server.Journal.Append(EncodedEventTests.EveryKind().ToList());
        var journaled = server.Journal.ReadAfter(start, 1_000);
        Assert.All(server.Journal.ReadEncodedAfter(start, 1_000, null, Agent.Grpc.Events.StreamEventEncoder.Instance, int.MaxValue),
            e => Assert.NotNull(e.Encoded));
        await s.SendAsync(Subscribe(start));
        foreach (var e in journaled)
            Assert.Equal(Agent.Grpc.Mapping.EventMapping.ToProto(e), await EventsUntilAsync(s, start, x => x.Cursor == e.Cursor));

        // A filtered subscription: only its type arrives, and after the events it skipped (the newest journaled ones
        // are of other types) it still waits for, and delivers, the next one of its type.
        var received = s.Received.Count;
        await s.SendAsync(new Proto.GatewayMessage { Subscribe = new Proto.StreamEventsRequest { AfterCursor = start, EventTypes = { "message.delivered" } } });
        var delivered = journaled.Where(e => e.Type == "message.delivered").ToList();
        Assert.NotEmpty(delivered);
        Assert.NotEqual("message.delivered", journaled[^1].Type);
        // Every event of the first subscription up to the last journaled one had arrived before it was replaced, so
        // those that arrive again are the filtered stream's.
        List<Proto.Event> Replayed() => s.Received.Skip(received).Where(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Event)
            .Select(m => m.Event).ToList();
        while (!Replayed().Any(e => e.Cursor == delivered[^1].Cursor))
            await s.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Event, Wait);
        server.Journal.Append([JournalEvents.Delivered(900)]);
        var next = server.Journal.LastCursor;
        while (!Replayed().Any(e => e.Cursor == next))
            await s.NextAsync(m => m.ItemCase == Proto.LineMessage.ItemOneofCase.Event, Wait);
        Assert.Equal(delivered.Select(e => e.Cursor).Append(next),
            Replayed().Where(e => e.Cursor <= journaled[^1].Cursor || e.Cursor == next).Select(e => e.Cursor));
        Assert.All(Replayed().Where(e => e.Cursor <= journaled[^1].Cursor || e.Cursor == next), e => Assert.Equal("message.delivered", e.Type));
    }

    [Theory]
    [InlineData("http://gateway.example.com", "Gateway:Url: plain http:// is allowed to a loopback gateway only")]
    [InlineData("ftp://127.0.0.1/", "Gateway:Url: must be an absolute https:// URL")]
    [InlineData("https://user:secret@gateway.example.com", "Gateway:Url: must be an absolute https:// URL")]
    [InlineData("not a url", "Gateway:Url: must be an absolute https:// URL")]
    public async Task GatewayUrl_ThatWouldExposeTheLine_StopsTheStart(string url, string expected)
    {
        using var dir = new TempDirectory();
        AgentTestServer.WriteToken(dir);
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = AgentHost.Build(AgentTestServer.Arguments(dir, "--Gateway:Url", url));
            await app.StartAsync();
        });
        Assert.Contains(expected, ConfigurationValidation.Describe(ex));
    }
}
