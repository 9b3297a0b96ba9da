using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Operations.KeepAwake;

/// <summary>
/// Runs `caffeinate -i -w &lt;agent pid&gt;` while the agent runs, as BlueBubbles does: -i prevents idle sleep, and -w
/// makes caffeinate exit on its own when the agent's process ends, so a crash never leaves an orphan holding the Mac
/// awake. A failure to start it is logged, never fatal (pmset settings may already keep the Mac awake).
/// </summary>
/// <param name="isMacOS">Whether to run at all. Default: OperatingSystem.IsMacOS().</param>
public sealed class KeepAwakeService(IOptions<KeepAwakeOptions> options, ILogger<KeepAwakeService> logger, bool? isMacOS = null) : IHostedService, IDisposable
{
    private Process? _child;

    /// <summary>The running caffeinate process, if any.</summary>
    public Process? Child => _child;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !(isMacOS ?? OperatingSystem.IsMacOS())) return Task.CompletedTask;
        var start = new ProcessStartInfo(settings.CaffeinatePath) { UseShellExecute = false };
        start.ArgumentList.Add("-i");
        start.ArgumentList.Add("-w");
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            _child = Process.Start(start);
            KeepAwakeLog.Started(logger, settings.CaffeinatePath, Environment.ProcessId);
        }
        catch (Win32Exception ex)
        {
            KeepAwakeLog.Failed(logger, settings.CaffeinatePath, ex.Message);
        }
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_child is not { HasExited: false } child) return;
        child.Kill();
        await child.WaitForExitAsync(cancellationToken);
    }

    public void Dispose() => _child?.Dispose();
}
