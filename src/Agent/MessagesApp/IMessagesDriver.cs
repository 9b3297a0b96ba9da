namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// The plain AppleScript sends (text, files) and the probes; everything that needs Messages' UI is
/// <see cref="IMessagesUi"/> (the accessibility driver). Each call runs one script; failures throw
/// <see cref="MessagesDriverException"/>. A successful return only means Messages accepted the request:
/// the effect is always verified in chat.db by the caller. <c>beforeSpawn</c> runs immediately before each
/// osascript process of the action starts (the outbox records it durably: a send that never got there is safe to
/// resume after a crash).
/// </summary>
public interface IMessagesDriver
{
    /// <summary>Sends text. Returns the path the script used ("buddy", "chat", "service-chat").</summary>
    Task<string> SendTextAsync(SendTarget target, string text, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>Sends one file, which must already be staged under ~/Library/Messages/Attachments/….</summary>
    Task<string> SendFileAsync(SendTarget target, string stagedPath, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>Whether Messages is running, asked without launching it.</summary>
    Task<bool> ProbeRunningAsync(CancellationToken cancellationToken);

    /// <summary>Lists Messages' accounts and their state (also proves Automation → Messages). Launches Messages when it is not running.</summary>
    Task<IReadOnlyList<MessagesAccount>> ProbeAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Runs a harmless Apple event to Messages; throws when Automation is denied or undecided.</summary>
    Task ProbeAutomationAsync(CancellationToken cancellationToken);
}
