using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp.Accessibility;

namespace LineAgent.Agent.Outbox;

/// <summary>The accessibility driver's view of a conversation, read from chat.db through the pipeline's view.</summary>
public sealed class ChatDbConversationDirectory(IChatDbView chatDb) : IConversationDirectory
{
    /// <inheritdoc />
    public ConversationFacts? Find(string chatGuid) =>
        chatDb.GetChat(chatGuid) is { } chat ? new ConversationFacts(chat.Participants, chat.DisplayName) : null;
}
