using System.Text.Json;
using LineAgent.Agent.Cli;
using LineAgent.Agent.Cli.Certify;
using LineAgent.Agent.Cli.Client;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;

namespace LineAgent.Agent.Tests.Cli.Certify;

/// <summary>
/// The real agent host against the simulated Messages — fake-messages for AppleScript, the simulated accessibility tree
/// for the UI actions, both through the production driver — and `lineagent certify` run against it as an operator would.
/// </summary>
internal sealed class CertifyHost : IAsyncDisposable
{
    public const string Peer = "+15556660001";
    public const string Peer2 = "+15556660002";

    private CertifyHost(TempDirectory dir, FakeChatDatabase db, SimulatedUiServer ui, AgentTestServer server)
    {
        Directory = dir;
        Db = db;
        Ui = ui;
        Server = server;
    }

    public TempDirectory Directory { get; }
    public FakeChatDatabase Db { get; }
    public SimulatedUiServer Ui { get; private set; }
    public AgentTestServer Server { get; private set; }

    /// <summary>Stops the agent and starts it again on the same state directory and chat.db, with <paramref name="extra"/>.</summary>
    public async Task RestartAsync(params string[] extra)
    {
        await Server.DisposeAsync();
        (Ui, Server) = await StartServerAsync(Directory, extra);
    }
    public string ChatDb => AgentTestServer.ChatDbPath(Directory);
    public string ReportPath => Directory.File("report.json");

    public static async Task<CertifyHost> StartAsync(Action<SimConfig>? sim = null, params string[] extra)
    {
        var dir = new TempDirectory();
        var chatDb = AgentTestServer.ChatDbPath(dir);
        var db = FakeChatDatabase.Create(chatDb, SchemaVariant.Sequoia);
        var config = new SimConfig();
        sim?.Invoke(config);
        config.Save(SimConfig.PathFor(chatDb));
        var (ui, server) = await StartServerAsync(dir, extra);
        return new CertifyHost(dir, db, ui, server);
    }

    private static async Task<(SimulatedUiServer, AgentTestServer)> StartServerAsync(TempDirectory dir, string[] extra)
    {
        var chatDb = AgentTestServer.ChatDbPath(dir);
        var ui = SimulatedUiServer.Start(chatDb, dir.File("ax.sock"));
        const string t = "--MessagesDriver:AccessibilityTimings:";
        var server = await AgentTestServer.StartAsync(dir,
        [
            .. ui.HostArguments,
            "--MessagesDriver:OsascriptPath", SimulatedMessages.SimulatorPath,
            "--MessagesDriver:Environment:LINEAGENT_SIM_CHAT_DB", chatDb,
            "--MessagesDriver:LaunchSettleDelay", "00:00:00",
            "--MessagesDriver:ReadinessPollInterval", "00:00:00.020",
            "--MessagesDriver:NotFoundRetryDelay", "00:00:00",
            "--Outbox:IdlePollInterval", "00:00:00.020",
            "--Correlation:PollInterval", "00:00:00.020",
            "--Pacing:Enabled", "false",
            t + "PollInterval", "00:00:00.010", t + "WindowTimeout", "00:00:00.500", t + "ConversationTimeout", "00:00:01.500",
            t + "MessageCellTimeout", "00:00:00.800", t + "PickerTimeout", "00:00:01", t + "OverlayTimeout", "00:00:00.500",
            t + "SendTimeout", "00:00:03", t + "ValueTimeout", "00:00:00.500",
            .. extra,
        ]);
        server.Owned.Add(ui);
        return (ui, server);
    }

    /// <summary>`lineagent certify ARGS --json` against this host; the parsed report from stdout.</summary>
    public Task<(int Exit, JsonElement Report, string Stderr)> CertifyAsync(params string[] args) => CertifyAsync(8, args);

    /// <summary>The same with each wait of a row bounded by <paramref name="rowTimeoutSeconds"/> (what a failing row waits).</summary>
    public async Task<(int Exit, JsonElement Report, string Stderr)> CertifyAsync(double rowTimeoutSeconds, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new ClientEnvironment(stdout, stderr, Directory.File("sandboxes"),
            new AgentConfigurationSources(Directory.File("app"), new Dictionary<string, string?>()));
        var exit = await new CertifyVerb(environment).RunAsync(
            [.. args, "--json", "--row-timeout", rowTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--report", ReportPath, "--state-dir", AgentTestServer.StateDirectory(Directory), "--address", Server.Address],
            CancellationToken.None, stdout, stderr);
        var output = stdout.ToString();
        return (exit, output.Length == 0 ? default : JsonDocument.Parse(output).RootElement.Clone(), stderr.ToString());
    }

    /// <summary>The rows of a report as (check, result, evidence).</summary>
    public static List<(string Check, string Result, string Evidence, string Left, double Seconds)> Rows(JsonElement report) =>
        report.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("check").GetString()!, r.GetProperty("result").GetString()!, r.GetProperty("evidence").GetString()!,
                r.GetProperty("left_behind").GetString()!, r.GetProperty("seconds").GetDouble()))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Db.Dispose();
        Directory.Dispose();
    }
}
