namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// The AppleScript files in scripts/applescript (without ".applescript") and how many argv items each takes.
/// The simulator accepts exactly these argument counts, as the scripts themselves check them.
/// </summary>
public static class ScriptNames
{
    public const string SendTextToHandle = "send-text-to-handle";
    public const string SendFileToHandle = "send-file-to-handle";
    public const string SendTextToChat = "send-text-to-chat";
    public const string SendFileToChat = "send-file-to-chat";
    public const string LaunchMessages = "launch-messages";
    public const string ProbeAccounts = "probe-accounts";
    public const string ProbeRunning = "probe-running";
    public const string ProbeAutomation = "probe-automation";

    /// <summary>Script name → exact number of argv items it accepts.</summary>
    public static readonly IReadOnlyDictionary<string, int> ArgumentCounts = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // Send scripts take the Apple-event timeout (seconds) as their last argument.
        [SendTextToHandle] = 4,
        [SendFileToHandle] = 4,
        [SendTextToChat] = 5,
        [SendFileToChat] = 5,
        [LaunchMessages] = 0,
        [ProbeAccounts] = 0,
        [ProbeRunning] = 0,
        [ProbeAutomation] = 0,
    };

    /// <summary>The plain AppleScript sends (one Apple event `send`; -600 from them provably sent nothing).</summary>
    public static bool IsSendScript(string name) => name is SendTextToHandle or SendFileToHandle or SendTextToChat or SendFileToChat;
}
