namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>What chat.db says a conversation looks like: who is in it and its name (to prove the UI shows it).</summary>
/// <param name="Participants">handle.id of every other member.</param>
/// <param name="DisplayName">The group's name, when it has one.</param>
public sealed record ConversationFacts(IReadOnlyList<string> Participants, string? DisplayName);

/// <summary>Looks conversations up in chat.db for the accessibility driver (implemented over the send pipeline's view).</summary>
public interface IConversationDirectory
{
    /// <summary>The facts of the chat with <paramref name="chatGuid"/>; null when chat.db does not know it.</summary>
    ConversationFacts? Find(string chatGuid);
}
