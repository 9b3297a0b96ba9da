using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.MessagesApp.Accessibility;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;
using LineAgent.FakeMessages.Ax;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>
/// A fake chat.db plus the fake-messages simulator configured for it: the real driver, real process spawns,
/// real scripts directory — only osascript is swapped for the simulator. UI actions go through the real
/// accessibility driver and navigator to the simulated Messages UI (<see cref="Ui"/>), served on a Unix socket
/// exactly as `fake-messages ax-serve` serves the sandbox.
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
        Ui = new FakeMessagesUi(ChatDbPath, ConfigPath);
        Ui.Settle.Scale = 0.2;     // 30 ms links, 60 ms picker: short, but a navigator that never waits still fails
        AxSocket = Directory.File("ax.sock");
        _axServer = AxServer.Start(Ui, AxSocket);
    }

    private readonly AxServer _axServer;

    /// <summary>The simulated Messages UI (its faults, version profile, locale, drafts).</summary>
    public FakeMessagesUi Ui { get; }

    /// <summary>Where the simulated UI is served (MessagesDriver:AccessibilitySocket).</summary>
    public string AxSocket { get; }

    /// <summary>The one UI lock this simulated line's drivers share.</summary>
    public MessagesUiLock UiLock { get; } = new();

    /// <summary>The accessibility driver's waits for tests: well above the simulator's settles, short on failure paths.</summary>
    public static AxTimings FastTimings() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(10),
        WindowTimeout = TimeSpan.FromMilliseconds(500),
        ConversationTimeout = TimeSpan.FromSeconds(1.5),
        MessageCellTimeout = TimeSpan.FromMilliseconds(800),
        PickerTimeout = TimeSpan.FromSeconds(1),
        OverlayTimeout = TimeSpan.FromMilliseconds(500),
        SendTimeout = TimeSpan.FromSeconds(3),      // the loaded CI machine re-renders slowly; failure paths wait this once
        ValueTimeout = TimeSpan.FromMilliseconds(500),
        PasteTimeout = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>The real accessibility driver against the simulated UI, over its socket.</summary>
    public AccessibilityMessagesUi Accessibility(IConversationDirectory? directory = null)
    {
        var options = Options.Create(DriverOptions());
        return new AccessibilityMessagesUi(AxConnectors.For(options), UiLock, directory ?? new FakeDirectory(Db), options, TimeProvider.System);
    }

    /// <summary>Conversation facts straight from the fake chat.db (the agent reads them through ChatDbView).</summary>
    private sealed class FakeDirectory(FakeChatDatabase db) : IConversationDirectory
    {
        public ConversationFacts? Find(string chatGuid)
        {
            var chat = db.FindChat(chatGuid);
            if (chat is null)
                return null;
            var members = db.Query("SELECT h.id FROM chat_handle_join j JOIN handle h ON h.ROWID = j.handle_id WHERE j.chat_id = $c ORDER BY h.ROWID",
                ("$c", chat.RowId)).Select(r => (string)r[0]!).ToList();
            return new ConversationFacts(members, db.Scalar("SELECT display_name FROM chat WHERE ROWID = $c", ("$c", chat.RowId)) as string is { Length: > 0 } n ? n : null);
        }
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

    /// <summary>The script calls that act in Messages (sends), without the probes and launches around them.</summary>
    public IReadOnlyList<string> Actions => Calls.Where(c => c.StartsWith("send-", StringComparison.Ordinal)).ToList();

    public MessagesDriverOptions DriverOptions(TimeSpan? timeout = null) => new()
    {
        OsascriptPath = SimulatorPath,
        ScriptTimeout = timeout ?? TimeSpan.FromSeconds(30),
        FileScriptTimeout = timeout ?? TimeSpan.FromSeconds(30),
        LaunchSettleDelay = TimeSpan.Zero,
        ReadinessPollInterval = TimeSpan.FromMilliseconds(20),
        NotFoundRetryDelay = TimeSpan.Zero,
        Environment = { ["LINEAGENT_SIM_CHAT_DB"] = ChatDbPath },
        AccessibilitySocket = AxSocket,
        AccessibilityTimings = FastTimings(),
    };

    public AppleScriptMessagesDriver Driver(TimeSpan? timeout = null)
    {
        var options = Options.Create(DriverOptions(timeout));
        return new AppleScriptMessagesDriver(new OsaScriptRunner(options, NullLogger<OsaScriptRunner>.Instance), options,
            NullLogger<AppleScriptMessagesDriver>.Instance, uiLock: UiLock);
    }

    /// <summary>Count of message rows (a duplicate send shows up here).</summary>
    public long MessageCount(string? where = null) =>
        (long)Db.Scalar("SELECT COUNT(*) FROM message" + (where is null ? "" : " WHERE " + where))!;

    /// <summary>The text column of the newest from-me row.</summary>
    public string? LastSentText() => Db.Scalar("SELECT text FROM message WHERE is_from_me = 1 ORDER BY ROWID DESC LIMIT 1") as string;

    public void Dispose()
    {
        _axServer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Ui.Dispose();
        Db.Dispose();
        Directory.Dispose();
    }
}
