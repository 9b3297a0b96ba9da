namespace LineAgent.Agent.Operations.Launchd;

/// <summary>
/// The launchctl(1) verbs LineAgent uses, in the modern domain-target syntax (gui/&lt;uid&gt;, gui/&lt;uid&gt;/&lt;label&gt;).
/// Each call is one argv through <see cref="ICommandRunner"/>; nothing is parsed from a shell.
/// </summary>
/// <param name="runner">Runs the launchctl program.</param>
/// <param name="program">launchctl's path. Default: /bin/launchctl.</param>
public sealed class Launchctl(ICommandRunner runner, string program = Launchctl.DefaultProgram)
{
    /// <summary>Where macOS ships launchctl.</summary>
    public const string DefaultProgram = "/bin/launchctl";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The per-user GUI domain; LaunchAgents that talk to Messages must live here (a daemon has no WindowServer).</summary>
    public static string GuiDomain(int uid) => $"gui/{uid}";

    /// <summary>A service target inside the GUI domain.</summary>
    public static string ServiceTarget(int uid, string label) => $"{GuiDomain(uid)}/{label}";

    /// <summary>`launchctl print &lt;target&gt;`: exit 0 and a description when the service is loaded.</summary>
    public Task<CommandResult> PrintAsync(string target, CancellationToken ct) => Run(ct, "print", target);

    /// <summary>`launchctl bootout &lt;target&gt;`: stops and unloads the service.</summary>
    public Task<CommandResult> BootoutAsync(string target, CancellationToken ct) => Run(ct, "bootout", target);

    /// <summary>`launchctl bootstrap &lt;domain&gt; &lt;plist&gt;`: loads the plist into the domain.</summary>
    public Task<CommandResult> BootstrapAsync(string domain, string plistPath, CancellationToken ct) => Run(ct, "bootstrap", domain, plistPath);

    /// <summary>`launchctl enable &lt;target&gt;`: clears a persistent "disabled" override.</summary>
    public Task<CommandResult> EnableAsync(string target, CancellationToken ct) => Run(ct, "enable", target);

    /// <summary>`launchctl kickstart -k &lt;target&gt;`: starts it now, killing a running instance first.</summary>
    public Task<CommandResult> KickstartAsync(string target, CancellationToken ct) => Run(ct, "kickstart", "-k", target);

    private Task<CommandResult> Run(CancellationToken ct, params string[] arguments) =>
        runner.RunAsync(program, arguments, Timeout, ct);
}
