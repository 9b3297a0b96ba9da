using System.Runtime.InteropServices;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Line;

/// <summary>
/// The status provider used until a sending/ops component registers a real one: chat.db readability is
/// probed for real; Messages, permissions and capabilities are reported as not probed, never guessed.
/// </summary>
public sealed class DefaultLineStatusProvider(IOptions<AgentOptions> agentOptions, TimeProvider time) : ILineStatusProvider
{
    private const string NoDriver = "not probed: no Messages driver is registered in this agent";

    public Task<LineStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var capabilities = Enum.GetValues<LineCapability>()
            .Select(c => new CapabilityReport(c, ProbeResult.NotProbed(NoDriver)))
            .ToList();
        var health = new LineHealthReport(
            ChatDbReadableProbe.Probe(agentOptions.Value.ChatDbPath),
            ProbeResult.NotProbed(NoDriver),
            ProbeResult.NotProbed(NoDriver),
            ProbeResult.NotProbed(NoDriver));
        return Task.FromResult(new LineStatus(
            Handles: [],
            MacOsVersion: OperatingSystem.IsMacOS() ? Environment.OSVersion.Version.ToString() : null,
            OsDescription: RuntimeInformation.OSDescription,
            AgentVersion: AgentVersion.Current,
            capabilities,
            health,
            time.GetUtcNow()));
    }
}
