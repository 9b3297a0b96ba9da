using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent react --message GUID --reaction love`: React — a tapback on a message (or --remove it).</summary>
internal sealed class ReactVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "react";
    protected override string Summary => "Add (or --remove) a tapback on a message (React)";
    protected override string Details =>
        $"Reactions: {string.Join(", ", Names.Reactions.Keys)}.\n\nExamples:\n  lineagent react --message 3F2A… --reaction love\n  lineagent react --message 3F2A… --reaction love --remove";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var message = new Option<string>("--message") { Description = "the message's GUID (lineagent messages shows them)", HelpName = "GUID", Required = true };
        var reaction = new Option<string>("--reaction") { Description = "the tapback", HelpName = "REACTION", Required = true };
        reaction.AcceptOnlyFromAmong([.. Names.Reactions.Keys]);
        var remove = new Option<bool>("--remove") { Description = "take the tapback back instead" };
        var part = CliOptions.Number("--part", "which part of the message (default 0)", 0, 100, 0);
        var key = Receipts.Key();
        foreach (var option in new Option[] { message, reaction, remove, part, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.ReactAsync(new Proto.ReactRequest
            {
                IdempotencyKey = parse.GetValue(key)!, MessageGuid = parse.GetValue(message)!,
                Reaction = Names.Reactions[parse.GetValue(reaction)!], Remove = parse.GetValue(remove), PartIndex = parse.GetValue(part),
            }, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
