using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent edit`: EditMessage.</summary>
internal sealed class EditVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "edit";
    protected override string Summary => "Edit a sent message (EditMessage)";
    protected override string Details => "Example:\n  lineagent edit --message 3F2A… --text \"Corrected text\"";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var message = new Option<string>("--message") { Description = "the sent message to edit (its GUID)", HelpName = "GUID", Required = true };
        var text = new Option<string>("--text") { Description = "the new text", HelpName = "TEXT", Required = true };
        var part = CliOptions.Number("--part", "which part of the message (default 0)", 0, 100, 0);
        var key = Receipts.Key();
        foreach (var option in new Option[] { message, text, part, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.EditMessageAsync(new Proto.EditMessageRequest
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
