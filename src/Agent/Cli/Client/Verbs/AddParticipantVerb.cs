using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent add-participant`: AddParticipant.</summary>
internal sealed class AddParticipantVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "add-participant";
    protected override string Summary => "Add someone to a group chat (AddParticipant)";
    protected override string Details => "Example:\n  lineagent add-participant --chat 'iMessage;+;chat123' --handle +15555550126";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var chat = new Option<string>("--chat") { Description = "the group chat's GUID", HelpName = "GUID", Required = true };
        var handle = new Option<string>("--handle") { Description = "who: E.164 phone number or email", HelpName = "HANDLE", Required = true };
        var key = Receipts.Key();
        foreach (var option in new Option[] { chat, handle, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.AddParticipantAsync(new Proto.AddParticipantRequest
            {
                IdempotencyKey = parse.GetValue(key)!,
                ChatGuid = parse.GetValue(chat)!,
                Handle = parse.GetValue(handle)!,
            }, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
