using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>A group and a handle: what `add-participant` and `remove-participant` take (--chat, --handle, --key).</summary>
internal abstract class MemberVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    /// <summary>The RPC, with the validated options.</summary>
    protected abstract Task<Proto.SendReceipt> CallAsync(AgentCall call, string key, string chatGuid, string handle, CancellationToken cancellationToken);

    protected sealed override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var chat = new Option<string>("--chat") { Description = "the group chat's GUID", HelpName = "GUID", Required = true };
        var handle = new Option<string>("--handle") { Description = "who: E.164 phone number or email", HelpName = "HANDLE", Required = true };
        var key = Receipts.Key();
        foreach (var option in new Option[] { chat, handle, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await CallAsync(call, parse.GetValue(key)!, parse.GetValue(chat)!, parse.GetValue(handle)!, cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
