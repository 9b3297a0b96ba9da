using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent reply`: Reply.</summary>
internal sealed class ReplyVerb(ClientEnvironment environment) : MessageTextVerb(environment)
{
    protected override string Name => "reply";
    protected override string Summary => "Reply in a thread to a message (Reply)";
    protected override string Details => "Example:\n  lineagent reply --message 3F2A… --text \"Sounds good\"";
    protected override string MessageDescription => "the message to reply to (its GUID)";
    protected override string TextDescription => "the reply";

    protected override async Task<Proto.SendReceipt> CallAsync(AgentCall call, string key, string messageGuid, string text, int part, CancellationToken cancellationToken) =>
        await call.Client.ReplyAsync(new Proto.ReplyRequest
        {
            IdempotencyKey = key, MessageGuid = messageGuid, Text = text, PartIndex = part,
        }, cancellationToken: cancellationToken);
}
