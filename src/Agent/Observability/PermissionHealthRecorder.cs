using LineAgent.Agent.Line;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Observability;

/// <summary>
/// Keeps the permission gauges (lineagent_permission_granted) current while metrics are enabled, by running the
/// line's health probes (the ones GetLine reports) every <see cref="ObservabilityOptions.PermissionProbeInterval"/>.
/// A probe that could not decide (Unknown) records nothing rather than a false "denied".
/// </summary>
/// <remarks>WHY a timer and not on demand: a fleet dashboard must see a revoked TCC grant without anyone calling GetLine.</remarks>
public sealed class PermissionHealthRecorder(
    ILineStatusProvider status,
    LineAgentMetrics metrics,
    IOptions<ObservabilityOptions> options,
    TimeProvider time,
    ILogger<PermissionHealthRecorder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MetricsEnabled) return;
        using var timer = new PeriodicTimer(options.Value.PermissionProbeInterval, time);
        do
        {
            await RecordOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Runs the probes once and records every permission they could decide.</summary>
    public async Task RecordOnceAsync(CancellationToken cancellationToken)
    {
        LineStatus line;
        try
        {
            line = await status.GetStatusAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ObservabilityLog.PermissionProbeFailed(logger, ex);
            return;
        }
        Record(AgentPermission.FullDiskAccess, line.Health.ChatDbReadable);
        Record(AgentPermission.AutomationMessages, line.Health.AutomationPermission);
        Record(AgentPermission.Accessibility, line.Health.AccessibilityPermission);
    }

    private void Record(AgentPermission permission, ProbeResult result)
    {
        if (result.State != ProbeState.Unknown)
            metrics.RecordPermission(permission, result.State == ProbeState.Available);
    }
}
