using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>The LaunchAgent is installed, loaded into gui/&lt;uid&gt; and running.</summary>
public sealed class LaunchAgentCheck : DoctorCheck
{
    public override string Id => "launch-agent";
    public override string Title => "LaunchAgent loaded";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS) return NotApplicable("LaunchAgents are macOS's launchd; run the agent with lineagent run");
        var layout = context.LaunchAgent;
        var target = Launchctl.ServiceTarget(context.Uid, layout.Label);
        var status = LaunchAgentStatus.Parse(File.Exists(layout.PlistPath),
            await new Launchctl(context.Runner, context.LaunchctlPath).PrintAsync(target, cancellationToken));
        if (status.Running) return Pass($"{target} running{(status.Pid is { } pid ? $" (pid {pid})" : "")}");
        if (status.Loaded)
            return Fail($"{target} loaded but {status.State ?? "not running"}{(status.LastExitCode is { } code ? $", last exit code {code}" : "")}",
                $"read the logs (lineagent logs), then restart it: launchctl kickstart -k {target}");
        return status.Installed
            ? Fail($"{layout.PlistPath} exists but launchd has not loaded it", "lineagent install (reloads it into your login session)")
            : Fail($"not installed ({layout.PlistPath} missing)", "lineagent install");
    }
}
