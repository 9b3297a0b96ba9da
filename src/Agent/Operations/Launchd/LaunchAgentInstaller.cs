namespace LineAgent.Agent.Operations.Launchd;

/// <summary>
/// Installs, removes and inspects the per-user LaunchAgent: writes the plist, then bootout (when loaded) → enable →
/// bootstrap → kickstart in gui/&lt;uid&gt;; uninstall reverses it (bootout, delete the plist). Logs and the state
/// directory are left alone: they hold the journal and the operator's history.
/// </summary>
/// <param name="launchctl">The launchctl wrapper (a fake in tests).</param>
/// <param name="uid">The user whose gui domain receives the agent.</param>
/// <param name="delay">Waits between "is it unloaded yet?" polls after bootout. Default: Task.Delay.</param>
public sealed class LaunchAgentInstaller(Launchctl launchctl, int uid, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    // bootout returns before launchd has finished tearing the job down; a bootstrap issued at once fails with
    // "Bootstrap failed: 5: Input/output error". So wait until print stops finding the service.
    private const int UnloadPolls = 20;
    private static readonly TimeSpan UnloadPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;

    /// <summary>
    /// Writes <paramref name="plistContents"/> to the layout's plist path (mode 0644: launchd ignores agent plists that
    /// are group- or world-writable), creates the log directory, and (re)loads the service.
    /// Returns one line per step done, for the operator.
    /// </summary>
    public async Task<IReadOnlyList<string>> InstallAsync(LaunchAgentLayout layout, string plistContents, CancellationToken ct)
    {
        var steps = new List<string>();
        var target = Launchctl.ServiceTarget(uid, layout.Label);

        Directory.CreateDirectory(Path.GetDirectoryName(layout.PlistPath)!);
        Directory.CreateDirectory(layout.LogDirectory);
        var temp = layout.PlistPath + ".tmp";
        await File.WriteAllTextAsync(temp, plistContents, ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temp, layout.PlistPath, overwrite: true);
        steps.Add($"wrote {layout.PlistPath}");

        if ((await launchctl.PrintAsync(target, ct)).Succeeded)
        {
            await BootoutAndWaitAsync(target, ct);
            steps.Add($"unloaded the running {target}");
        }

        // enable before bootstrap: a service left disabled (launchctl disable, other installers) refuses to bootstrap.
        Require(await launchctl.EnableAsync(target, ct), "enable", target);
        steps.Add($"enabled {target}");

        var domain = Launchctl.GuiDomain(uid);
        Require(await launchctl.BootstrapAsync(domain, layout.PlistPath, ct), "bootstrap", domain);
        steps.Add($"loaded {layout.PlistPath} into {domain}");

        Require(await launchctl.KickstartAsync(target, ct), "kickstart", target);
        steps.Add($"started {target}");
        return steps;
    }

    /// <summary>Unloads the service if loaded and deletes its plist. Returns one line per step done (none: not installed).</summary>
    public async Task<IReadOnlyList<string>> UninstallAsync(LaunchAgentLayout layout, CancellationToken ct)
    {
        var steps = new List<string>();
        var target = Launchctl.ServiceTarget(uid, layout.Label);
        if ((await launchctl.PrintAsync(target, ct)).Succeeded)
        {
            await BootoutAndWaitAsync(target, ct);
            steps.Add($"stopped and unloaded {target}");
        }
        if (File.Exists(layout.PlistPath))
        {
            File.Delete(layout.PlistPath);
            steps.Add($"deleted {layout.PlistPath}");
        }
        return steps;
    }

    /// <summary>Whether the plist exists and what launchd says about the service.</summary>
    public async Task<LaunchAgentStatus> StatusAsync(LaunchAgentLayout layout, CancellationToken ct) =>
        LaunchAgentStatus.Parse(File.Exists(layout.PlistPath),
            await launchctl.PrintAsync(Launchctl.ServiceTarget(uid, layout.Label), ct));

    private async Task BootoutAndWaitAsync(string target, CancellationToken ct)
    {
        var bootout = await launchctl.BootoutAsync(target, ct);
        for (var i = 0; i < UnloadPolls; i++)
        {
            if (!(await launchctl.PrintAsync(target, ct)).Succeeded) return;
            await _delay(UnloadPollInterval, ct);
        }
        throw new LaunchAgentException(
            $"launchctl bootout {target} did not unload the service ({bootout.FirstErrorLine()}). " +
            $"Try `launchctl bootout {target}` by hand, then run the command again.");
    }

    private void Require(CommandResult result, string verb, string target)
    {
        if (result.Succeeded) return;
        var said = result.FirstErrorLine();
        var hint = verb == "bootstrap" && (result.ExitCode == 125 || said.Contains("Domain does not support", StringComparison.OrdinalIgnoreCase)
                                            || said.Contains("cannot load in requested session", StringComparison.OrdinalIgnoreCase))
            ? $" No graphical login session exists for uid {uid}: a LaunchAgent that drives Messages needs the user logged in at the " +
              "Mac's screen (enable automatic login for unattended hosts), not only over SSH."
            : !result.Started
                ? " Is this macOS? launchctl was not found."
                : $" See `launchctl print {target}` and ~/Library/Logs/LineAgent.";
        throw new LaunchAgentException($"launchctl {verb} {target} failed (exit {result.ExitCode}): {said}.{hint}");
    }
}
