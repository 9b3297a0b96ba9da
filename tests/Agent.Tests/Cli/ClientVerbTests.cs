using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using LineAgent.Agent.Cli;
using LineAgent.Agent.Cli.Client;
using LineAgent.Agent.Cli.Client.Verbs;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Sandbox;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Cli;

/// <summary>
/// The client verbs against the real host (osascript swapped for fake-messages): they find the agent themselves,
/// upload with the right SHA-256, never send twice for one key, and report failures as one line with an exit code.
/// </summary>
public sealed class ClientVerbTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _sandboxes = new();
    private AgentTestServer _server = null!;
    private FakeChatDatabase _db = null!;

    public async Task InitializeAsync()
    {
        var chatDb = AgentTestServer.ChatDbPath(_dir);
        _db = FakeChatDatabase.Create(chatDb, SchemaVariant.Sequoia);
        new SimConfig().Save(SimConfig.PathFor(chatDb));
        _server = await AgentTestServer.StartAsync(_dir,
        [
            "--MessagesDriver:OsascriptPath", SimulatedMessages.SimulatorPath,
            "--MessagesDriver:Environment:LINEAGENT_SIM_CHAT_DB", chatDb,
            "--MessagesDriver:LaunchSettleDelay", "00:00:00",
            "--Outbox:IdlePollInterval", "00:00:00.050",
            "--Correlation:PollInterval", "00:00:00.020",
            "--Pacing:Enabled", "false",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _db.Dispose();
        _dir.Dispose();
        _sandboxes.Dispose();
    }

    private string State => AgentTestServer.StateDirectory(_dir);

    /// <summary>Runs a client verb as `lineagent VERB args…`, with the sandbox registry and environment of this test.</summary>
    private async Task<(int Exit, string Stdout, string Stderr)> Run(Func<ClientEnvironment, ICommand> verb, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new ClientEnvironment(stdout, stderr, _sandboxes.Path,
            new AgentConfigurationSources(_dir.File("app"), new Dictionary<string, string?>()));
        var exit = await verb(environment).RunAsync(args, CancellationToken.None, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The agent of the state directory, at the test server's port.</summary>
    private string[] Agent(params string[] args) => [.. args, "--state-dir", State, "--address", _server.Address];

    [Fact]
    public async Task Send_TextAndFile_UploadsWithTheRightSha256_SendsBoth_AndTheSameKeyNeverSendsTwice()
    {
        var file = _dir.File("Café.txt");
        await File.WriteAllTextAsync(file, "hello, attachment");
        var chat = _db.EnsureDirectChat("+15555550123");

        var (exit, stdout, stderr) = await Run(e => new SendVerb(e),
            Agent("--chat", chat.Guid, "--text", "Hello", "--file", file, "--key", "cli-test-1", "--wait", "--json"));
        var (again, againOut, _) = await Run(e => new SendVerb(e),
            Agent("--chat", chat.Guid, "--text", "Hello", "--file", file, "--key", "cli-test-1"));

        Assert.True(exit == 0, stderr);
        var receipt = JsonDocument.Parse(stdout).RootElement;
        Assert.True(receipt.GetProperty("state").GetString() is "SEND_STATE_SENT" or "SEND_STATE_DELIVERED" or "SEND_STATE_READ", stdout);
        Assert.Equal(2, receipt.GetProperty("messageGuids").GetArrayLength());
        Assert.Equal(0, again);
        Assert.Contains("replayed", againOut);
        Assert.Equal(2L, _db.Scalar("SELECT COUNT(*) FROM message WHERE is_from_me = 1")); // a text and the file, once
        var stored = Directory.EnumerateFiles(AgentTestServer.StateDirectory(_dir), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(_dir.File("staging"), "*", SearchOption.AllDirectories))
            .Where(p => Path.GetFileName(p) == "Café.txt").ToList();
        Assert.NotEmpty(stored);
        Assert.All(stored, p => Assert.Equal(SHA256.HashData(File.ReadAllBytes(file)), SHA256.HashData(File.ReadAllBytes(p))));
    }

    [Theory]
    [InlineData("--text", "x")]                                        // no target
    [InlineData("--to", "+15555550123", "--chat", "iMessage;-;+15555550123", "--text", "x")] // two targets
    [InlineData("--to", "+15555550123")]                               // nothing to send
    public async Task Send_WithoutExactlyOneTargetOrContent_IsAUsageError_AndCallsNothing(params string[] args)
    {
        var (exit, stdout, _) = await Run(e => new SendVerb(e), Agent(args));

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Equal(0L, _db.Scalar("SELECT COUNT(*) FROM message WHERE is_from_me = 1"));
    }

    [Fact]
    public async Task Send_HandleTheApiRefuses_IsOneLineNamingTheField_Exit1()
    {
        var (exit, _, stderr) = await Run(e => new SendVerb(e), Agent("--to", "555", "--text", "x"));

        Assert.Equal(1, exit);
        Assert.Contains("to: \"555\" is neither an E.164 phone number", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    public static TheoryData<string, string[], string> TargetedVerbs => new()
    {
        { "reply", ["--message", "NO-SUCH-MESSAGE", "--text", "hi"], "message_guid" },
        { "edit", ["--message", "NO-SUCH-MESSAGE", "--text", "hi"], "message_guid" },
        { "add-participant", ["--chat", "iMessage;+;chat-none", "--handle", "+15555550126"], "chat_guid" },
        { "remove-participant", ["--chat", "iMessage;+;chat-none", "--handle", "+15555550126"], "chat_guid" },
    };

    [Theory]
    [MemberData(nameof(TargetedVerbs))]
    public async Task MessageAndMemberVerbs_ReachTheirRpc_WhichRefusesAnUnknownTarget_NamingTheField(string name, string[] args, string field)
    {
        Func<ClientEnvironment, ICommand> verb = name switch
        {
            "reply" => e => new ReplyVerb(e),
            "edit" => e => new EditVerb(e),
            "add-participant" => e => new AddParticipantVerb(e),
            _ => e => new RemoveParticipantVerb(e),
        };

        var (exit, stdout, stderr) = await Run(verb, Agent(args));

        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains(field + ":", stderr);
        Assert.Contains(args[1], stderr);           // the unknown message or chat, as the agent named it
        Assert.Equal(0L, _db.Scalar("SELECT COUNT(*) FROM message"));
    }

    [Fact]
    public async Task Chats_Json_IsTheListChatsResponse()
    {
        var chat = _db.EnsureDirectChat("+15555550123");

        var (exit, stdout, _) = await Run(e => new ChatsVerb(e), Agent("--json"));

        Assert.Equal(0, exit);
        var response = Proto.ListChatsResponse.Parser.ParseJson(stdout);
        Assert.Contains(response.Chats, c => c.Guid == chat.Guid);
    }

    [Fact]
    public async Task Events_FromCursor_PrintsTheWatchShape_WithReadablePlus()
    {
        _server.Journal.AppendReceived(1, 3);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stdout = new LinesWriter(3, cts);
        var environment = new ClientEnvironment(stdout, new StringWriter(), _sandboxes.Path,
            new AgentConfigurationSources(_dir.File("app"), new Dictionary<string, string?>()));

        var exit = await new EventsVerb(environment).RunAsync(Agent("--from-cursor", "1", "--json"), cts.Token);

        var lines = stdout.Lines;
        Assert.Equal(2, lines.Count);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(2, first.GetProperty("cursor").GetInt64());
        Assert.Equal("message.received", first.GetProperty("type").GetString());
        Assert.Equal("hello 2", first.GetProperty("data").GetProperty("message").GetProperty("text").GetString());
        Assert.Contains("\"chat_guid\":\"iMessage;-;+15550000001\"", lines[0]);
        // Byte for byte what `lineagent watch` prints for the same journal event.
        Assert.Equal(LineAgent.Agent.Cli.Commands.WatchCommand.Format(_server.Journal.ReadAfter(1, 1)[0]), lines[0]);
        Assert.True(exit is 0 or 130);
    }

    [Fact]
    public async Task Unreachable_SaysWhichAgentAndHowToStartIt_Exit69()
    {
        var (exit, _, stderr) = await Run(e => new LineVerb(e), "--state-dir", State, "--address", $"http://127.0.0.1:{LoopbackPorts.Free()}");

        Assert.Equal(69, exit);
        Assert.Contains("cannot reach the agent at", stderr);
        Assert.Contains("lineagent sandbox", stderr);
    }

    [Fact]
    public async Task WrongToken_Exit77()
    {
        var tokenFile = _dir.File("wrong.token");
        PrivateFile.WriteAllText(tokenFile, "not-the-token\n");

        var (exit, _, stderr) = await Run(e => new LineVerb(e), "--token-file", tokenFile, "--state-dir", State, "--address", _server.Address);

        Assert.Equal(77, exit);
        Assert.Contains("refused the token", stderr);
    }

    [Fact]
    public async Task NoAgentHere_AndNoSandbox_SaysHowToGetOne_Exit69()
    {
        var (exit, _, stderr) = await Run(e => new LineVerb(e), "--state-dir", _dir.File("empty-state"));

        Assert.Equal(69, exit);
        Assert.Contains("lineagent init", stderr);
        Assert.Contains("lineagent sandbox", stderr);
    }

    [Fact]
    public async Task NoAgentHere_OneSandboxRunning_UsesIt()
    {
        RegisterSandbox(Environment.ProcessId);

        var (exit, stdout, stderr) = await Run(e => new ChatsVerb(e), "--state-dir", _dir.File("empty-state"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("no chats", stdout);
    }

    [Fact]
    public async Task TwoSandboxes_WithoutAPid_IsAnErrorListingBoth_AndThePidPicksOne()
    {
        using var other = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            RegisterSandbox(Environment.ProcessId);
            RegisterSandbox(other.Id, address: "http://127.0.0.1:1");

            var (ambiguous, _, stderr) = await Run(e => new LineVerb(e), "--sandbox");
            var (picked, stdout, pickedErr) = await Run(e => new ChatsVerb(e), "--sandbox", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(69, ambiguous);
            Assert.Contains("2 sandboxes are running", stderr);
            Assert.Contains(other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), stderr);
            Assert.True(picked == 0, pickedErr);
            Assert.Contains("no chats", stdout);
        }
        finally
        {
            other.Kill();
        }
    }

    /// <summary>A registry record pointing at the test server, with its token where a sandbox keeps it.</summary>
    private void RegisterSandbox(int pid, string? address = null)
    {
        var directory = Directory.CreateDirectory(_sandboxes.File($"run-{pid}")).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "state"));
        PrivateFile.WriteAllText(Path.Combine(directory, "state", "grpc.token"), AgentTestServer.Token + "\n");
        File.WriteAllText(Path.Combine(directory, "chat.db"), "");
        SandboxRegistry.Write(_sandboxes.Path, new SandboxState(pid, directory, Path.Combine(directory, "chat.db"), address ?? _server.Address));
    }

    /// <summary>Collects lines; cancels once it has seen <paramref name="stopAfter"/> writes (the stream never ends by itself).</summary>
    private sealed class LinesWriter(int stopAfter, CancellationTokenSource cts) : StringWriter
    {
        private readonly List<string> _lines = [];

        public List<string> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        public override void WriteLine(string? value)
        {
            lock (_lines)
            {
                _lines.Add(value ?? "");
                if (_lines.Count >= stopAfter - 1) cts.Cancel();
            }
        }
    }
}
