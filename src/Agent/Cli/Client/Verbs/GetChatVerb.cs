using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent chat GUID`: GetChat — one chat by GUID.</summary>
internal sealed class GetChatVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "chat";
    protected override string Summary => "Show one chat by GUID (GetChat)";
    protected override string Details => "Example:\n  lineagent chat 'iMessage;-;+15555550123'";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var guid = new Argument<string>("guid") { Description = "the chat's GUID" };
        verb.Arguments.Add(guid);
        return async (parse, call, cancellationToken) =>
        {
            var chat = await call.Client.GetChatAsync(new Proto.GetChatRequest { ChatGuid = parse.GetValue(guid)! }, cancellationToken: cancellationToken);
            call.Output.Write(chat, () => ChatsVerb.Describe(chat));
            return 0;
        };
    }
}
