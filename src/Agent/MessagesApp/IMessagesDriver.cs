using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// Everything the agent asks Messages.app to do. Each call runs one script; failures throw
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

    /// <summary>UI-scripted: sends the URL alone through the compose field so Messages builds the preview.</summary>
    Task SendRichLinkAsync(SendTarget target, string url, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>UI-scripted: toggles a classic tapback (Love … Question) on the message with <paramref name="messageGuid"/>.</summary>
    Task SendTapbackAsync(string messageGuid, ReactionType kind, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>UI-scripted: starts or stops the typing indicator in a conversation.</summary>
    Task SetTypingAsync(SendTarget target, bool typing, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>UI-scripted: creates a group chat with <paramref name="addresses"/> by sending <paramref name="firstMessage"/>.</summary>
    Task CreateGroupAsync(IReadOnlyList<string> addresses, string firstMessage, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>UI-scripted: adds <paramref name="address"/> to a group.</summary>
    Task AddParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>UI-scripted: removes <paramref name="address"/> from a group.</summary>
    Task RemoveParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeSpawn = null);

    /// <summary>Whether Messages is running, asked without launching it.</summary>
    Task<bool> ProbeRunningAsync(CancellationToken cancellationToken);

    /// <summary>Lists Messages' accounts and their state (also proves Automation → Messages). Launches Messages when it is not running.</summary>
    Task<IReadOnlyList<MessagesAccount>> ProbeAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Runs a harmless Apple event to Messages; throws when Automation is denied or undecided.</summary>
    Task ProbeAutomationAsync(CancellationToken cancellationToken);

    /// <summary>Reads an accessibility attribute through System Events (no keystroke); throws when Accessibility or System Events automation is missing.</summary>
    Task ProbeAccessibilityAsync(CancellationToken cancellationToken);
}
