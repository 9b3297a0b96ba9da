using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent mark-read`: MarkChatRead.</summary>
internal sealed class MarkReadVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "mark-read";
    protected override string Summary => "Mark a chat read (MarkChatRead)";
    protected override string Details => "Example:\n  lineagent mark-read --chat 'iMessage;-;+15555550123'";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var chat = new Option<string>("--chat") { Description = "the chat's GUID", HelpName = "GUID", Required = true };
        var key = Receipts.Key();
        foreach (var option in new Option[] { chat, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.MarkChatReadAsync(new Proto.MarkChatReadRequest
            {
                IdempotencyKey = parse.GetValue(key)!,
                ChatGuid = parse.GetValue(chat)!,
            }, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
