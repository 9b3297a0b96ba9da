using LineAgent.Agent.Cli.Client.Verbs;

namespace LineAgent.Agent.Cli.Client;

/// <summary>The client verbs, in the order `lineagent help` lists them. Adding an RPC's verb: one file in Verbs/, one line here.</summary>
internal static class ClientVerbs
{
    public static IEnumerable<ICommand> All(ClientEnvironment environment) =>
    [
        new SendVerb(environment),
        new ReplyVerb(environment),
        new ReactVerb(environment),
        new EditVerb(environment),
        new UnsendVerb(environment),
        new TypingVerb(environment),
        new LocationVerb(environment),
        new MarkReadVerb(environment),
        new CreateChatVerb(environment),
        new RenameChatVerb(environment),
        new AddParticipantVerb(environment),
        new RemoveParticipantVerb(environment),
        new GetSendVerb(environment),
        new EventsVerb(environment),
        new ChatsVerb(environment),
        new GetChatVerb(environment),
        new MessagesVerb(environment),
        new GetMessageVerb(environment),
        new CheckHandleVerb(environment),
        new LineVerb(environment),
    ];
}
