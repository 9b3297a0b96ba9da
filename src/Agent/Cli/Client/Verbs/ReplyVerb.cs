using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent reply`: Reply.</summary>
internal sealed class ReplyVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "reply";
    protected override string Summary => "Reply in a thread to a message (Reply)";
    protected override string Details => "Example:\n  lineagent reply --message 3F2A… --text \"Sounds good\"";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var message = new Option<string>("--message") { Description = "the message to reply to (its GUID)", HelpName = "GUID", Required = true };
        var text = new Option<string>("--text") { Description = "the reply", HelpName = "TEXT", Required = true };
        var part = CliOptions.Number("--part", "which part of the message (default 0)", 0, 100, 0);
        var key = Receipts.Key();
        foreach (var option in new Option[] { message, text, part, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.ReplyAsync(new Proto.ReplyRequest
            {
                IdempotencyKey = parse.GetValue(key)!,
                MessageGuid = parse.GetValue(message)!,
                Text = parse.GetValue(text)!,
                PartIndex = parse.GetValue(part),
            }, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
