using System.Runtime.InteropServices;
using LineAgent.Agent.ChatDb;

namespace LineAgent.Agent.Line;

/// <summary>
/// The status provider used until a sending/ops component registers a real one: chat.db readability is
/// probed for real, the line id and handles come from <see cref="LineIdentitySource"/>; Messages, permissions and
/// capabilities are reported as not probed, never guessed.
/// </summary>
public sealed class DefaultLineStatusProvider(ChatDbSource chatDb, TimeProvider time, LineIdentitySource identity) : ILineStatusProvider
{
    private const string NoDriver = "not probed: no Messages driver is registered in this agent";

    public Task<LineStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var capabilities = Enum.GetValues<LineCapability>()
            .Select(c => new CapabilityReport(c, ProbeResult.NotProbed(NoDriver)))
            .ToList();
        var health = new LineHealthReport(
            ChatDbReadable(chatDb),
            ProbeResult.NotProbed(NoDriver),
            ProbeResult.NotProbed(NoDriver),
            ProbeResult.NotProbed(NoDriver));
        var (handles, defaultCallerId) = identity.Handles([]);
        return Task.FromResult(new LineStatus(
            Handles: handles,
            MacOsVersion: Certification.CertificationBuild.HostMacOsVersion,
            OsDescription: RuntimeInformation.OSDescription,
            AgentVersion: AgentVersion.Current,
            capabilities,
            health,
            time.GetUtcNow())
        {
            LineId = identity.LineId,
            DefaultCallerId = defaultCallerId,
        });
    }

    /// <summary>chat.db's readability as a probe result (through SQLite; see <see cref="ChatDbSource.CheckReadable"/>).</summary>
    public static ProbeResult ChatDbReadable(ChatDbSource chatDb) =>
        chatDb.CheckReadable() is { Problem: { } problem } ? new ProbeResult(ProbeState.Unavailable, problem) : ProbeResult.Available;
}
