namespace LineAgent.Agent.Operations.Launchd;

/// <summary>The values `lineagent install` puts into the LaunchAgent plist template.</summary>
/// <param name="Label">launchd label and plist file name. Default: <see cref="DefaultLabel"/>.</param>
/// <param name="ProgramArguments">argv launchd executes (execvp semantics), e.g. [".../lineagent", "run"].</param>
/// <param name="WorkingDirectory">The job's working directory (the state directory).</param>
/// <param name="StandardOutPath">Where launchd appends the job's stdout (JSON log lines).</param>
/// <param name="StandardErrorPath">Where launchd appends the job's stderr (crashes, start-up errors).</param>
/// <param name="EnvironmentVariables">Variables launchd sets, e.g. LINEAGENT__Agent__StateDirectory.</param>
/// <param name="ThrottleInterval">Seconds launchd waits before respawning a job that exited. Default: 10 (launchd's own default).</param>
public sealed record LaunchAgentDefinition(
    string Label,
    IReadOnlyList<string> ProgramArguments,
    string WorkingDirectory,
    string StandardOutPath,
    string StandardErrorPath,
    IReadOnlyDictionary<string, string> EnvironmentVariables,
    int ThrottleInterval = 10)
{
    /// <summary>The default label, equal to the .app bundle's CFBundleIdentifier so TCC and Login Items show one identity.</summary>
    public const string DefaultLabel = "com.lineagent.agent";

    /// <summary>CFBundleIdentifier of LineAgent.app (AssociatedBundleIdentifiers). Default: com.lineagent.agent.</summary>
    public string BundleIdentifier { get; init; } = DefaultLabel;
}
