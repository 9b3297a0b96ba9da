using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent message GUID`: GetMessage — one message by GUID.</summary>
internal sealed class GetMessageVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "message";
    protected override string Summary => "Show one message by GUID (GetMessage)";
    protected override string Details => "Example:\n  lineagent message 3F2A… --json";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var guid = new Argument<string>("guid") { Description = "the message's GUID" };
        verb.Arguments.Add(guid);
        return async (parse, call, cancellationToken) =>
        {
            var message = await call.Client.GetMessageAsync(new Proto.GetMessageRequest { MessageGuid = parse.GetValue(guid)! }, cancellationToken: cancellationToken);
            call.Output.Write(message, () => MessagesVerb.Describe(message));
            return 0;
        };
    }
}
