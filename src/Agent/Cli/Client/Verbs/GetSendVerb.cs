using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent get-send SEND_ID | --key KEY`: GetSend — a send's state now.</summary>
internal sealed class GetSendVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "get-send";
    protected override string Summary => "Show a send's state (GetSend), by send id or idempotency key";
    protected override string Details => "Examples:\n  lineagent get-send s_0123\n  lineagent get-send --key hello-1 --json";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var sendId = new Argument<string>("send-id") { Description = "the send id a send printed", Arity = ArgumentArity.ZeroOrOne };
        var key = new Option<string>("--key") { Description = "look it up by idempotency key instead", HelpName = "KEY" };
        verb.Arguments.Add(sendId);
        verb.Options.Add(key);
        verb.Validators.Add(result =>
        {
            if ((result.GetResult(sendId)?.Tokens.Count > 0) == (result.GetResult(key) is not null))
                result.AddError("give a send id or --key KEY (one of them)");
        });
        return async (parse, call, cancellationToken) =>
        {
            var request = parse.GetValue(key) is { } k ? new Proto.GetSendRequest { IdempotencyKey = k } : new Proto.GetSendRequest { SendId = parse.GetValue(sendId)! };
            var receipt = await call.Client.GetSendAsync(request, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return receipt.State == Proto.SendState.Failed ? 1 : 0;
        };
    }
}
