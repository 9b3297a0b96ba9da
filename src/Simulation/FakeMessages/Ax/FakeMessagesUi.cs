using System.Diagnostics;
using LineAgent.FakeChatDb;

namespace LineAgent.FakeMessages.Ax;

/// <summary>
/// A strict model of Messages.app's UI state as its accessibility tree shows it (reference §7): which conversation is
/// shown, the compose drafts, focus, the selected message, the reply overlay, the tapback picker, the Details view.
/// It writes chat.db rows only when the right element's action is performed in the conversation shown — and does
/// the wrong thing visibly otherwise: Return sends whatever draft the shown conversation holds, to that
/// conversation; a shortcut tapback lands on the latest incoming message; a stale handle acts on the neighbour.
/// Thread-safe: every entry point takes one lock.
/// </summary>
public sealed partial class FakeMessagesUi : IDisposable
{
    private enum Focus { None, Compose, Search, AddMemberField }

    private readonly Lock _sync = new();
    private readonly FakeChatDatabase _db;
    private readonly string _configPath;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private string? _shownChat;
    private List<string>? _composeTo;
    private string? _selectedMessage;
    private string? _overlayMessage;
    private readonly Dictionary<string, string> _drafts = new(StringComparer.Ordinal);
    private Focus _focus;
    private (string Guid, TimeSpan At)? _picker;
    private bool _detailsOpen;
    private bool _addFieldOpen;
    private string _addValue = "";
    private int _scroll;
    private (string Url, TimeSpan At)? _pendingLink;
    private bool _scrollFaultFired;
    private long _generation;

    /// <summary>Opens the model over <paramref name="chatDbPath"/> (rows written through <see cref="SimWriter"/> with the simulator's config).</summary>
    public FakeMessagesUi(string chatDbPath, string? configPath = null)
    {
        _db = FakeChatDatabase.Open(chatDbPath);
        ChatDbPath = chatDbPath;
        _configPath = configPath ?? SimConfig.PathFor(chatDbPath);
    }

    public string ChatDbPath { get; }

    /// <summary>The macOS version whose tree is modelled. Default 26.</summary>
    public MacVersion Version { get; set; } = MacVersion.V26;

    /// <summary>The UI language ("en", "de", "fr"). Default English.</summary>
    public string Locale { get; set; } = "en";

    public AxFaults Faults { get; } = new();

    public AxSettle Settle { get; } = new();

    /// <summary>What happened, in order ("open …", "return", "perform …", "keys …"): for tests and the sandbox's log.</summary>
    public List<string> Events { get; } = [];

    /// <summary>Changes state under the lock (tests: put a draft somewhere, open an overlay, show a chat).</summary>
    public void Arrange(Action<FakeMessagesUi> change)
    {
        lock (_sync)
        {
            change(this);
            Touch();
        }
    }

    /// <summary>Shows a chat directly (as if the user clicked it).</summary>
    public void ShowChat(string chatGuid) => Arrange(_ => Show(chatGuid));

    /// <summary>Leaves a draft in a chat's compose field (as a user typing would).</summary>
    public void SetDraft(string chatGuid, string text) => Arrange(_ => _drafts[chatGuid] = text);

    /// <summary>Opens the reply overlay for a message (as if a reply was started and left open).</summary>
    public void OpenOverlay(string messageGuid) => Arrange(_ => _overlayMessage = messageGuid);

    /// <summary>The draft a chat's compose field holds ("" when none).</summary>
    public string Draft(string chatGuid)
    {
        lock (_sync)
            return _drafts.GetValueOrDefault(chatGuid, "");
    }

    /// <summary>The chat the window shows (null: a compose cell or nothing).</summary>
    public string? ShownChat
    {
        get
        {
            lock (_sync)
            {
                Tick();
                return _shownChat;
            }
        }
    }

    /// <summary>True while the reply overlay is shown.</summary>
    public bool OverlayOpen
    {
        get
        {
            lock (_sync)
                return _overlayMessage is not null;
        }
    }

    /// <summary>True while the tapback picker is up (or about to appear).</summary>
    public bool PickerOpen
    {
        get
        {
            lock (_sync)
                return _picker is not null;
        }
    }

    public void Dispose() => _db.Dispose();

    private TimeSpan Now => _clock.Elapsed;

    private void Touch() => _generation++;

    private void Log(string line)
    {
        lock (Events)
            Events.Add(line);
    }

    /// <summary>Applies what time has made happen: a deep link settling, the picker appearing.</summary>
    private void Tick()
    {
        if (_pendingLink is { } link && Now >= link.At)
        {
            _pendingLink = null;
            ApplyLink(link.Url);
            Touch();
        }
    }

    private SimWriter Writer() => new(_db, File.Exists(_configPath) ? SimConfig.Load(_configPath) : new SimConfig());

    private string DraftKey => _composeTo is { } to ? "compose:" + string.Join(',', to) : _shownChat ?? "";

    private void Show(string chatGuid)
    {
        _shownChat = chatGuid;
        _composeTo = null;
        _selectedMessage = null;
        _picker = null;
        _detailsOpen = false;
        _addFieldOpen = false;
        _scroll = 0;
        _focus = Focus.None;
    }

    private void ShowCompose(List<string> addresses)
    {
        Show("");
        _shownChat = null;
        _composeTo = addresses;
    }
}
