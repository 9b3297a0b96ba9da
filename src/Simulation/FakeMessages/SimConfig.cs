using System.Text.Json;
using System.Text.Json.Serialization;

namespace LineAgent.FakeMessages;

/// <summary>
/// How the simulated Messages behaves. Stored as JSON next to the chat.db (<c>&lt;chat.db&gt;.sim.json</c>) or at
/// <c>$LINEAGENT_SIM_CONFIG</c>; absent means the defaults. The simulator rewrites it to consume one-shot
/// failures and to remember that Messages was launched.
/// </summary>
public sealed class SimConfig
{
    /// <summary>chat.db to write (when LINEAGENT_SIM_CHAT_DB is not set).</summary>
    public string? ChatDb { get; set; }

    /// <summary>Delay before is_sent = 1 (ms). 0 = written sent at once. Default 0.</summary>
    public int SentDelayMs { get; set; }

    /// <summary>Delay after "sent" before is_delivered/date_delivered (ms); negative = never. Default 0.</summary>
    public int DeliveredDelayMs { get; set; }

    /// <summary>Delay after "delivered" before date_read (ms); negative = never. Default -1.</summary>
    public int ReadDelayMs { get; set; } = -1;

    /// <summary>Delay after the row before an attachment's transfer_state becomes 5 (ms). Default 0.</summary>
    public int TransferDelayMs { get; set; }

    /// <summary>Write message text only into attributedBody (text NULL), as macOS 13+ often does. Default false.</summary>
    public bool BodyOnly { get; set; }

    /// <summary>False = Messages is not running: every script fails with -600 until launch-messages runs. Default true.</summary>
    public bool MessagesRunning { get; set; } = true;

    /// <summary>Automation → Messages denied: every script fails with -1743. Default false.</summary>
    public bool AutomationDenied { get; set; }

    /// <summary>Accessibility missing: UI scripts fail with -1719 "not allowed assistive access". Default false.</summary>
    public bool AccessibilityDenied { get; set; }

    /// <summary>An SMS account (Text Message Forwarding) exists. Default false.</summary>
    public bool SmsAvailable { get; set; }

    /// <summary>An RCS account (macOS 15+ with an RCS-capable iPhone) exists. Default false.</summary>
    public bool RcsAvailable { get; set; }

    /// <summary>
    /// Cold start: this many probe-accounts calls after Messages runs still report the iMessage account
    /// "connecting", and every send or UI script meanwhile fails with -1728 (buddies and chats do not resolve
    /// until the account is connected). Default 0.
    /// </summary>
    public int ConnectingProbes { get; set; }

    /// <summary>Recipients not on iMessage: their iMessage rows end with error 22 and are never delivered.</summary>
    public List<string> NotOnIMessage { get; set; } = [];

    /// <summary>Chat GUIDs present in chat.db but missing from Messages' live `chats` collection (imsg #244).</summary>
    public List<string> StaleChats { get; set; } = [];

    /// <summary>Directory Messages' sandbox can read (files elsewhere end with error 25). Null = any path.</summary>
    public string? SandboxRoot { get; set; }

    /// <summary>
    /// One-shot failures, consumed one per send/UI script call, in order: an AppleScript error number ("-1743",
    /// "-600", "-1712", "-609", "-1728"), "hang" (Messages never answers and writes nothing: the script's
    /// `with timeout` raises -1712 after its aeTimeout argument), "hang-after-send" (writes the row, then the same),
    /// "ghost" (writes an empty unjoined row and reports success), "-600-after" (a UI action acts, then System
    /// Events fails with -600), "undelivered" (sent, but its delivery receipt never comes).
    /// </summary>
    public List<string> FailNext { get; set; } = [];

    /// <summary>Every script call, appended by the simulator: "&lt;script&gt; &lt;arg count&gt;" (tests count calls).</summary>
    public List<string> Calls { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The config file used for a chat.db.</summary>
    public static string PathFor(string chatDbPath) => chatDbPath + ".sim.json";

    /// <summary>Reads a config file; a missing file gives the defaults.</summary>
    public static SimConfig Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<SimConfig>(File.ReadAllText(path), Json) ?? new SimConfig() : new SimConfig();

    /// <summary>Writes the config file atomically.</summary>
    public void Save(string path)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Loads, changes and saves under an exclusive lock (several simulator processes may run).</summary>
    public static SimConfig Update(string path, Action<SimConfig> change)
    {
        using var guard = AcquireLock(path + ".lock");
        var config = Load(path);
        change(config);
        config.Save(path);
        return config;
    }

    private static FileStream AcquireLock(string lockPath)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 2000)
            {
                Thread.Sleep(5);
            }
        }
    }
}
