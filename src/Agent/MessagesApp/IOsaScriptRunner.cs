namespace LineAgent.Agent.MessagesApp;

/// <summary>Runs one script from scripts/applescript with its arguments as argv (never as source).</summary>
public interface IOsaScriptRunner
{
    /// <summary>
    /// Runs <paramref name="script"/> (a <see cref="ScriptNames"/> constant) with <paramref name="arguments"/>.
    /// Returns on exit 0; throws <see cref="MessagesDriverException"/> on failure or after <paramref name="timeout"/>.
    /// <paramref name="beforeSpawn"/> runs immediately before the process is started (after every check that can
    /// refuse the call), so a caller can record durably that osascript is being started.
    /// </summary>
    Task<OsaScriptResult> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        Action? beforeSpawn = null);
}
