using LineAgent.Agent.MessagesApp;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>
/// A fake chat.db plus the fake-messages simulator configured for it: the real driver, real process spawns,
/// real scripts directory — only osascript is swapped for the simulator.
/// </summary>
public sealed class SimulatedMessages : IDisposable
{
    public SimulatedMessages(SchemaVariant variant = SchemaVariant.Sequoia, Action<SimConfig>? configure = null)
    {
        Directory = new TempDirectory();
        ChatDbPath = Directory.File("chat.db");
        Db = FakeChatDatabase.Create(ChatDbPath, variant);
        var config = new SimConfig();
        configure?.Invoke(config);
        config.Save(ConfigPath);
    }

    public TempDirectory Directory { get; }
    public string ChatDbPath { get; }
    public FakeChatDatabase Db { get; }
    public string ConfigPath => SimConfig.PathFor(ChatDbPath);

    /// <summary>The simulator executable built next to the tests.</summary>
    public static string SimulatorPath => Path.Combine(AppContext.BaseDirectory, "fake-messages");

    public SimConfig Config => SimConfig.Load(ConfigPath);

    public void Configure(Action<SimConfig> change) => SimConfig.Update(ConfigPath, change);

    /// <summary>Script calls the simulator has seen, e.g. "send-text-to-handle 3".</summary>
    public IReadOnlyList<string> Calls => Config.Calls;

    /// <summary>The calls that act in Messages (send and UI scripts), without the probes and launches around them.</summary>
    public IReadOnlyList<string> Actions =>
        Calls.Where(c => c.StartsWith("send-", StringComparison.Ordinal) || c.StartsWith("ui-", StringComparison.Ordinal)).ToList();

    public MessagesDriverOptions DriverOptions(TimeSpan? timeout = null) => new()
    {
        OsascriptPath = SimulatorPath,
        ScriptTimeout = timeout ?? TimeSpan.FromSeconds(30),
        FileScriptTimeout = timeout ?? TimeSpan.FromSeconds(30),
        UiScriptTimeout = timeout ?? TimeSpan.FromSeconds(30),
        LaunchSettleDelay = TimeSpan.Zero,
        ReadinessPollInterval = TimeSpan.FromMilliseconds(20),
        NotFoundRetryDelay = TimeSpan.Zero,
        Environment = { ["LINEAGENT_SIM_CHAT_DB"] = ChatDbPath },
    };

    public AppleScriptMessagesDriver Driver(TimeSpan? timeout = null)
    {
        var options = Options.Create(DriverOptions(timeout));
        return new AppleScriptMessagesDriver(new OsaScriptRunner(options, NullLogger<OsaScriptRunner>.Instance), options,
            NullLogger<AppleScriptMessagesDriver>.Instance);
    }

    /// <summary>Count of message rows (a duplicate send shows up here).</summary>
    public long MessageCount(string? where = null) =>
        (long)Db.Scalar("SELECT COUNT(*) FROM message" + (where is null ? "" : " WHERE " + where))!;

    /// <summary>The text column of the newest from-me row.</summary>
    public string? LastSentText() => Db.Scalar("SELECT text FROM message WHERE is_from_me = 1 ORDER BY ROWID DESC LIMIT 1") as string;

    public void Dispose()
    {
        Db.Dispose();
        Directory.Dispose();
    }
}
