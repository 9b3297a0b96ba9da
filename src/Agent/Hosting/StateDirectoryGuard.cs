using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Hosting;

/// <summary>
/// At start, before anything is served, makes the state directory 0700 and its contents owner-only (journal.db
/// holds every message text), logging each entry it had to tighten. `lineagent doctor` checks the same.
/// </summary>
public sealed class StateDirectoryGuard(IOptions<AgentOptions> agent, ILogger<StateDirectoryGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(AgentPaths.ExpandHome(agent.Value.StateDirectory));
        PrivateFile.CreatePrivateDirectory(directory);
        foreach (var entry in PrivateStateDirectory.Tighten(directory))
            HostingLog.StateEntryTightened(logger, entry.Path, "0" + Convert.ToString((int)entry.Mode & 0xFFF, 8));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
