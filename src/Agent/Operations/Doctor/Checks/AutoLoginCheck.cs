namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// Automatic login for this user: after a reboot or power cut, a LaunchAgent only starts once someone logs in to the GUI
/// (launchctl cannot bootstrap gui/&lt;uid&gt; without one). Read from the loginwindow preference autoLoginUser.
/// FileVault prevents automatic login, so its status is added when auto-login is off.
/// </summary>
public sealed class AutoLoginCheck : DoctorCheck
{
    public override string Id => "auto-login";
    public override string Title => "Automatic login";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("automatic GUI login is a macOS loginwindow setting");
        var read = await context.Runner.RunAsync("/usr/bin/defaults",
            ["read", "/Library/Preferences/com.apple.loginwindow", "autoLoginUser"], cancellationToken: cancellationToken);
        var fix = $"System Settings › Users & Groups › Automatically log in as › {context.UserName} ({SystemSettings.Open(SystemSettings.UsersAndGroups)}), " +
                  $"or: sudo sysadminctl -autologin set -userName {context.UserName} -password -";
        if (read.Succeeded)
        {
            var user = read.StandardOutput.Trim();
            return user == context.UserName
                ? Pass($"logs in {user} automatically")
                : Fail($"automatic login is set for '{user}', not '{context.UserName}' (only one user can log in automatically)", fix);
        }
        var fileVault = await context.Runner.RunAsync("/usr/bin/fdesetup", ["status"], cancellationToken: cancellationToken);
        if (fileVault.Succeeded && fileVault.StandardOutput.Contains("FileVault is On", StringComparison.Ordinal))
            return Fail("automatic login is off, and FileVault is on (it blocks automatic login): after a reboot the agent waits for someone to log in",
                "turn FileVault off on this dedicated host (sudo fdesetup disable), then " + fix);
        return Fail("automatic login is off: after a reboot or power cut the agent waits for someone to log in", fix);
    }
}
