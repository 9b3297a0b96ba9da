using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent unsend`: UnsendMessage.</summary>
internal sealed class UnsendVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "unsend";
    protected override string Summary => "Unsend a sent message (UnsendMessage)";
    protected override string Details => "Example:\n  lineagent unsend --message 3F2A…";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var message = new Option<string>("--message") { Description = "the sent message to unsend (its GUID)", HelpName = "GUID", Required = true };
        var part = CliOptions.Number("--part", "which part of the message (default 0)", 0, 100, 0);
        var key = Receipts.Key();
        foreach (var option in new Option[] { message, part, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.UnsendMessageAsync(new Proto.UnsendMessageRequest
            {
                IdempotencyKey = parse.GetValue(key)!,
                MessageGuid = parse.GetValue(message)!,
                PartIndex = parse.GetValue(part),
            }, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
