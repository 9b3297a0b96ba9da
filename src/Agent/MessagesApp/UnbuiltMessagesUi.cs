namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// Stands in for the accessibility driver until it is registered: every action fails before touching Messages
/// (nothing sent), so a send never pretends to have happened. Registered with TryAdd, so the real driver wins.
/// </summary>
public sealed class UnbuiltMessagesUi : IMessagesUi
{
    private static Task Unavailable(string action) => Task.FromException(new MessagesDriverException(MessagesFailureKind.UiElementMissing, null,
        $"The {action} needs the accessibility driver, which is unavailable in this build: not built yet. Nothing was sent.",
        nothingSent: true, "accessibility", null));

    public Task SendTapbackAsync(MessageTarget message, ChatDbReader.Records.ReactionType kind, bool remove, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("tapback");
    public Task SetTypingAsync(SendTarget target, bool typing, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("typing indicator");
    public Task SendRichLinkAsync(SendTarget target, string url, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("rich link");
    public Task CreateGroupAsync(IReadOnlyList<string> addresses, string firstMessage, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("group creation");
    public Task AddParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("participant change");
    public Task RemoveParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("participant change");
    public Task RenameGroupAsync(ChatTarget group, string name, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("rename");
    public Task ReplyAsync(MessageTarget message, string text, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("reply");
    public Task EditAsync(MessageTarget message, string newText, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("edit");
    public Task UnsendAsync(MessageTarget message, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("unsend");
    public Task MarkReadAsync(ChatTarget chat, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("mark read");
    public Task SendImagesAsync(SendTarget target, IReadOnlyList<string> stagedPaths, CancellationToken cancellationToken, Action? beforeAct = null) => Unavailable("multi-image send");
}
