using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent create-chat --to H --to H2 --text T`: CreateChat — a new group, opened with a text.</summary>
internal sealed class CreateChatVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "create-chat";
    protected override string Summary => "Create a group chat with a first text (CreateChat)";
    protected override string Details => "Example:\n  lineagent create-chat --to +15555550124 --to +15555550125 --text \"Hi both\"";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var recipients = new Option<string[]>("--to") { Description = "a recipient (repeat for each)", HelpName = "HANDLE", Arity = ArgumentArity.OneOrMore, Required = true };
        var text = new Option<string>("--text") { Description = "the first message", HelpName = "TEXT", Required = true };
        var key = Receipts.Key();
        foreach (var option in new Option[] { recipients, text, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var request = new Proto.CreateChatRequest { IdempotencyKey = parse.GetValue(key)!, Text = parse.GetValue(text)! };
            request.Recipients.AddRange(parse.GetValue(recipients)!);
            var receipt = await call.Client.CreateChatAsync(request, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
