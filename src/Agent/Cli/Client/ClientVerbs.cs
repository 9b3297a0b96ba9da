using LineAgent.Agent.Cli.Client.Verbs;

namespace LineAgent.Agent.Cli.Client;

/// <summary>The client verbs, in the order `lineagent help` lists them. Adding an RPC's verb: one file in Verbs/, one line here.</summary>
internal static class ClientVerbs
{
    public static IEnumerable<ICommand> All(ClientEnvironment environment) =>
    [
        new SendVerb(environment),
        new ReactVerb(environment),
        new TypingVerb(environment),
        new LocationVerb(environment),
        new GetSendVerb(environment),
        new EventsVerb(environment),
        new ChatsVerb(environment),
        new MessagesVerb(environment),
        new LineVerb(environment),
    ];
}
