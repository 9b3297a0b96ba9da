using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Line;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// GetLine's status with the Messages probes filled in: the default provider's chat.db probe and versions, plus
/// Messages running, Automation, Accessibility and per-capability availability from <see cref="MessagesCapabilityProbe"/>.
/// </summary>
public sealed class MessagesLineStatusProvider(ChatDbSource chatDb, TimeProvider time, MessagesCapabilityProbe probe, LineIdentitySource identity)
    : ILineStatusProvider
{
    private readonly DefaultLineStatusProvider _base = new(chatDb, time, identity);

    /// <inheritdoc />
    public async Task<LineStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var status = await _base.GetStatusAsync(cancellationToken);
        var messages = await probe.GetAsync(cancellationToken);
        var accounts = messages.Accounts
            .Select(a => new AccountReport(a.Id, a.ServiceType, a.Enabled, a.ConnectionStatus, a.Description)).ToList();
        var (handles, defaultCallerId) = identity.Handles(accounts);
        return status with
        {
            Handles = handles,
            DefaultCallerId = defaultCallerId,
            Accounts = accounts,
            Capabilities = Enum.GetValues<LineCapability>().Select(c => new CapabilityReport(c, messages.For(c))).ToList(),
            Health = status.Health with
            {
                MessagesRunning = messages.MessagesRunning,
                AutomationPermission = messages.Automation,
                AccessibilityPermission = messages.Accessibility,
            },
        };
    }
}
