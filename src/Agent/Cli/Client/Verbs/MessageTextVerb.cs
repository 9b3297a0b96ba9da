using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>A message and a text: what `reply` and `edit` take (--message, --text, --part, --key); they differ in the RPC.</summary>
internal abstract class MessageTextVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected abstract string MessageDescription { get; }

    protected abstract string TextDescription { get; }

    /// <summary>The RPC, with the validated options.</summary>
    protected abstract Task<Proto.SendReceipt> CallAsync(AgentCall call, string key, string messageGuid, string text, int part, CancellationToken cancellationToken);

    protected sealed override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var message = new Option<string>("--message") { Description = MessageDescription, HelpName = "GUID", Required = true };
        var text = new Option<string>("--text") { Description = TextDescription, HelpName = "TEXT", Required = true };
        var part = CliOptions.Number("--part", "which part of the message (default 0)", 0, 100, 0);
        var key = Receipts.Key();
        foreach (var option in new Option[] { message, text, part, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await CallAsync(call, parse.GetValue(key)!, parse.GetValue(message)!, parse.GetValue(text)!, parse.GetValue(part), cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
