using LineAgent.Agent.Configuration;

namespace LineAgent.Agent.Operations;

/// <summary>
/// What the operator verbs (init, install, doctor, …) need from the machine, gathered in one place so tests substitute
/// a temp home, a fake uid and a command runner that returns canned output.
/// </summary>
/// <param name="Out">Where results go (stdout).</param>
/// <param name="Error">Where errors go (stderr).</param>
/// <param name="Runner">Runs launchctl, osascript, pmset, …</param>
/// <param name="Home">The user's home directory.</param>
/// <param name="Uid">The user's numeric id (launchd's gui/&lt;uid&gt; domain).</param>
/// <param name="IsMacOS">Whether macOS-only steps apply.</param>
/// <param name="ExecutablePath">This executable, for the LaunchAgent's ProgramArguments.</param>
/// <param name="Environment">Environment variables for configuration; null = the process's own.</param>
/// <param name="BaseDirectory">Where appsettings.json and scripts/ ship. Default: AppContext.BaseDirectory.</param>
public sealed record OperatorContext(
    TextWriter Out,
    TextWriter Error,
    ICommandRunner Runner,
    string Home,
    int Uid,
    bool IsMacOS,
    string? ExecutablePath,
    IReadOnlyDictionary<string, string?>? Environment = null,
    string? BaseDirectory = null)
{
    /// <summary>The real machine: console, CliWrap, $HOME, getuid().</summary>
    public static OperatorContext Default() => new(
        Console.Out, Console.Error, new CliWrapCommandRunner(), AgentPaths.Home, UnixUser.CurrentUid(),
        OperatingSystem.IsMacOS(), System.Environment.ProcessPath);

    /// <summary>Configuration sources for this context (layers per <see cref="AgentConfiguration"/>).</summary>
    public AgentConfigurationSources ConfigurationSources => new(BaseDirectory ?? AppContext.BaseDirectory, Environment);
}
