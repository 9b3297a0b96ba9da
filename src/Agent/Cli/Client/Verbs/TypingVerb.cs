using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent typing --chat GUID [--off]`: SetTyping — show or clear the typing indicator.</summary>
internal sealed class TypingVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "typing";
    protected override string Summary => "Show (or with --off clear) the typing indicator in a chat (SetTyping)";
    protected override string Details => "Examples:\n  lineagent typing --chat 'iMessage;-;+15555550123'\n  lineagent typing --chat 'iMessage;-;+15555550123' --off";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var chat = Receipts.Chat();
        chat.Required = true;
        var off = new Option<bool>("--off") { Description = "clear the indicator instead" };
        var key = Receipts.Key();
        verb.Options.Add(chat);
        verb.Options.Add(off);
        verb.Options.Add(key);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.SetTypingAsync(new Proto.SetTypingRequest
            {
                IdempotencyKey = parse.GetValue(key)!, ChatGuid = parse.GetValue(chat)!, Typing = !parse.GetValue(off),
            }, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
