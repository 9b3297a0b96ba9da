using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// How the agent runs the AppleScripts that drive Messages.app. Bound from the "MessagesDriver" section.
/// </summary>
public sealed class MessagesDriverOptions
{
    public const string Section = "MessagesDriver";

    /// <summary>
    /// The program that runs a script: invoked as <c>&lt;OsascriptPath&gt; &lt;script file&gt; &lt;args…&gt;</c>.
    /// Default: /usr/bin/osascript. Tests and the sandbox point this at the <c>fake-messages</c> simulator.
    /// </summary>
    [Required]
    public string OsascriptPath { get; set; } = "/usr/bin/osascript";

    /// <summary>
    /// Directory holding the .applescript files. Default: <c>scripts/applescript</c> next to the executable
    /// (Agent.csproj copies them there). A relative path is resolved against the executable's directory.
    /// </summary>
    [Required]
    public string ScriptsDirectory { get; set; } = "scripts/applescript";

    /// <summary>
    /// Longest time one script may run before it is killed. Default: 30 s (photon kills osascript after 30 s;
    /// a send normally takes 0.1-0.5 s, plus up to 2 s when Messages must launch). A killed send is ambiguous:
    /// it is resolved by looking in chat.db, never by resending.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest time one file send (attachment, location pin) may run. Default: 150 s: on macOS 26 attachment sends
    /// that succeed can take about two minutes to return (hermes-agent #77918). Scripts get 80 % of each limit as
    /// their Apple-event timeout (`with timeout`), so a busy Messages raises -1712 before the process is killed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan FileScriptTimeout { get; set; } = TimeSpan.FromSeconds(150);

    /// <summary>
    /// Before the first send, and after Messages quit or could not find a target, wait at most this long for
    /// Messages to run with an enabled, connected account (launching it if needed). Default: 30 s (a cold start
    /// takes a few seconds to sign in). 0 = do not wait.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often readiness is re-checked while waiting. Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReadinessPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait before the one retry of a send that failed with -1728 (mautrix waits 1 s). Default: 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan NotFoundRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many times a plain send that provably sent nothing because Messages was not running (-600) is retried,
    /// after launching Messages. UI actions are never retried (their deep link and keystrokes may have run). Default: 2.
    /// </summary>
    [Range(0, 10)]
    public int NotRunningRetries { get; set; } = 2;

    /// <summary>Wait after launching Messages before retrying. Default: 1 s (launch takes 0.5-2 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan LaunchSettleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Extra environment variables for the script process (the sandbox uses this to point the simulator at
    /// its chat.db). Default: none. Never put secrets here: they would be visible to the child.
    /// </summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The simulator's accessibility socket (<c>fake-messages ax-serve --socket PATH</c>). Only the sandbox and the
    /// tests set this: when set, every UI action drives the simulated Messages through it instead of the macOS
    /// accessibility API. Default: unset (macOS: the real API; elsewhere UI actions are unavailable).
    /// </summary>
    public string? AccessibilitySocket { get; set; }

    /// <summary>The accessibility driver's waits and traversal bounds (defaults from the peers' measured values).</summary>
    public Accessibility.AxTimings AccessibilityTimings { get; set; } = new();

    /// <summary>The scripts directory as an absolute path.</summary>
    public string ResolveScriptsDirectory() =>
        Path.IsPathRooted(ScriptsDirectory) ? ScriptsDirectory : Path.Combine(AppContext.BaseDirectory, ScriptsDirectory);
}
