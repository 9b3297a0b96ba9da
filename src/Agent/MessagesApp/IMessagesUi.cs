using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.MessagesApp;

/// <summary>One part of one message in a known chat: what every message-level UI action is aimed at.</summary>
/// <param name="Chat">The chat the message is in (from chat.db, never guessed from the UI).</param>
/// <param name="MessageGuid">message.guid as chat.db stores it.</param>
/// <param name="PartIndex">The message part (0 for a plain text message; attachments and text runs count up).</param>
public sealed record MessageTarget(ChatTarget Chat, string MessageGuid, int PartIndex);

/// <summary>
/// Every action that needs Messages' UI, driven through its accessibility tree (never blind keystrokes). Each call
/// proves the selected conversation (and message) is the target before it acts, leaves the UI as it found it, and
/// throws <see cref="MessagesDriverException"/> when it cannot be sure. A successful return only means the UI
/// accepted the action: the caller verifies the effect in chat.db. <c>beforeAct</c> runs immediately before the
/// first UI change of the action (the outbox records it durably: an action that never got there is safe to resume).
/// </summary>
public interface IMessagesUi
{
    /// <summary>Adds (or, with <paramref name="remove"/>, removes) a classic tapback on one message part.</summary>
    Task SendTapbackAsync(MessageTarget message, ReactionType kind, bool remove, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Starts or stops the typing indicator in a conversation.</summary>
    Task SetTypingAsync(SendTarget target, bool typing, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Sends the URL through the verified compose field so Messages builds the rich preview.</summary>
    Task SendRichLinkAsync(SendTarget target, string url, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Creates a group chat with <paramref name="addresses"/> by sending <paramref name="firstMessage"/>.</summary>
    Task CreateGroupAsync(IReadOnlyList<string> addresses, string firstMessage, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Adds <paramref name="address"/> to a group.</summary>
    Task AddParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Removes <paramref name="address"/> from a group.</summary>
    Task RemoveParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Renames a group (an empty <paramref name="name"/> clears it).</summary>
    Task RenameGroupAsync(ChatTarget group, string name, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Sends <paramref name="text"/> as a threaded reply to one message part.</summary>
    Task ReplyAsync(MessageTarget message, string text, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Edits one of the line's own sent message parts to <paramref name="newText"/>.</summary>
    Task EditAsync(MessageTarget message, string newText, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Unsends ("Undo Send") one of the line's own sent message parts.</summary>
    Task UnsendAsync(MessageTarget message, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Marks a chat read.</summary>
    Task MarkReadAsync(ChatTarget chat, CancellationToken cancellationToken, Action? beforeAct = null);

    /// <summary>Sends several staged images as one send (one compose, one Return).</summary>
    Task SendImagesAsync(SendTarget target, IReadOnlyList<string> stagedPaths, CancellationToken cancellationToken, Action? beforeAct = null);
}
