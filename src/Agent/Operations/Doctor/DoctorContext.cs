using System.Collections.Concurrent;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Operations.Doctor;

/// <summary>
/// Everything the checks read: the machine (through <see cref="Runner"/>), the resolved configuration and paths.
/// Build it with <see cref="Create"/>; tests set the init properties directly.
/// </summary>
public sealed class DoctorContext
{
    /// <summary>Runs sw_vers, pgrep, osascript, launchctl, pmset, defaults, fdesetup.</summary>
    public required ICommandRunner Runner { get; init; }

    /// <summary>Whether the macOS-only checks apply.</summary>
    public required bool IsMacOS { get; init; }

    /// <summary>The layered configuration (see <see cref="AgentConfiguration"/>).</summary>
    public required IConfiguration Configuration { get; init; }

    /// <summary>
    /// Why `lineagent run` would refuse <see cref="Configuration"/> (one line), or null when it would accept it. Computed
    /// by the composition root's validation (AgentHost), which the CLI hands in: the same check as at start.
    /// </summary>
    public required string? ConfigurationProblem { get; init; }

    /// <summary>The user's numeric id (gui/&lt;uid&gt;).</summary>
    public required int Uid { get; init; }

    /// <summary>The login name auto-login must be set to.</summary>
    public required string UserName { get; init; }

    /// <summary>The agent's state directory.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Messages' chat.db.</summary>
    public required string ChatDbPath { get; init; }

    /// <summary>Where attachments are copied before sending (must be under ~/Library/Messages: Messages is sandboxed).</summary>
    public required string StagingDirectory { get; init; }

    /// <summary>Directory holding probe-accounts.applescript.</summary>
    public required string ScriptsDirectory { get; init; }

    /// <summary>osascript. Default: /usr/bin/osascript.</summary>
    public string OsascriptPath { get; init; } = "/usr/bin/osascript";

    /// <summary>launchctl. Default: /bin/launchctl.</summary>
    public string LaunchctlPath { get; init; } = Launchd.Launchctl.DefaultProgram;

    /// <summary>The LaunchAgent's label and file layout.</summary>
    public required Launchd.LaunchAgentLayout LaunchAgent { get; init; }

    /// <summary>The gRPC endpoint to health-check, e.g. http://127.0.0.1:50551.</summary>
    public required Uri GrpcAddress { get; init; }

    /// <summary>The bearer token to present, when one could be read (never printed).</summary>
    public string? GrpcToken { get; init; }

    /// <summary>Free bytes on the volume holding a path; null when unknown. Default: DriveInfo.</summary>
    public Func<string, long?> FreeBytes { get; init; } = DiskSpace.FreeBytes;

    /// <summary>The process doing the checks, for messages about which app macOS attributes the grants to.</summary>
    public string ProcessPath { get; init; } = Environment.ProcessPath ?? "lineagent";

    /// <summary>
    /// The accessibility health probe (AXIsProcessTrusted + a readable window with a transcript); throws
    /// MessagesDriverException with the reason. Default: the agent's own probe for its configured backend.
    /// </summary>
    public Func<CancellationToken, Task> AccessibilityProbe { get; init; } = _ => Task.CompletedTask;

    /// <summary>MessagesDriver:AccessibilitySocket is set (the simulator): the check runs off macOS too.</summary>
    public bool HasSimulatedAccessibility { get; init; }

    private readonly ConcurrentDictionary<string, Lazy<Task<CommandResult>>> _scriptRuns = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs a probe script once per doctor run (several checks read the same probe) via osascript, argv only.
    /// A missing script file yields a not-started result naming the path.
    /// </summary>
    public Task<CommandResult> RunScriptOnceAsync(string scriptName, CancellationToken cancellationToken) =>
        _scriptRuns.GetOrAdd(scriptName, name => new Lazy<Task<CommandResult>>(() =>
        {
            var path = Path.Combine(ScriptsDirectory, name);
            if (!File.Exists(path))
                return Task.FromResult(CommandResult.NotStarted($"probe script {path} is missing (broken install: reinstall LineAgent.app)"));
            return Runner.RunAsync(OsascriptPath, [path], TimeSpan.FromSeconds(30), cancellationToken);
        })).Value;

    /// <summary>Resolves paths and the gRPC endpoint from the layered configuration, the way the agent does.</summary>
    /// <param name="validate">The start-up validation of the agent (AgentHost.ConfigurationProblem).</param>
    public static DoctorContext Create(OperatorContext machine, IConfiguration configuration, string label, Func<IConfiguration, string?> validate)
    {
        var agent = new AgentOptions();
        configuration.GetSection(AgentOptions.Section).Bind(agent);
        var stateDirectory = AgentPaths.FullPath(agent.StateDirectory, $"{AgentOptions.Section}:{nameof(AgentOptions.StateDirectory)}");
        var baseDirectory = machine.BaseDirectory ?? AppContext.BaseDirectory;
        var driver = new MessagesApp.MessagesDriverOptions();
        configuration.GetSection(MessagesApp.MessagesDriverOptions.Section).Bind(driver);
        var connector = MessagesApp.Accessibility.AxConnectors.For(Microsoft.Extensions.Options.Options.Create(driver));
        return new DoctorContext
        {
            Runner = machine.Runner,
            IsMacOS = machine.IsMacOS,
            Configuration = configuration,
            ConfigurationProblem = validate(configuration),
            Uid = machine.Uid,
            UserName = Environment.UserName,
            StateDirectory = stateDirectory,
            ChatDbPath = AgentPaths.FullPath(agent.ChatDbPath, $"{AgentOptions.Section}:{nameof(AgentOptions.ChatDbPath)}"),
            StagingDirectory = Path.GetFullPath(AgentPaths.ExpandHome(configuration["Outbox:StagingDirectory"]
                ?? Path.Combine(machine.Home, "Library", "Messages", "Attachments", "LineAgent"))),
            ScriptsDirectory = ScriptLocator.Find(configuration["MessagesDriver:ScriptsDirectory"], baseDirectory),
            OsascriptPath = configuration["MessagesDriver:OsascriptPath"] ?? "/usr/bin/osascript",
            LaunchAgent = new Launchd.LaunchAgentLayout(machine.Home, label),
            GrpcAddress = GrpcEndpoint.Address(configuration),
            GrpcToken = GrpcEndpoint.ReadToken(configuration, stateDirectory, machine.Environment),
            ProcessPath = machine.ExecutablePath ?? "lineagent",
            HasSimulatedAccessibility = !string.IsNullOrEmpty(driver.AccessibilitySocket),
            AccessibilityProbe = ct => Task.Run(() => MessagesApp.Accessibility.AxHealth.Check(connector, driver.AccessibilityTimings, TimeProvider.System), ct),
        };
    }
}
