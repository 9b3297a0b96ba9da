using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent edit`: EditMessage.</summary>
internal sealed class EditVerb(ClientEnvironment environment) : MessageTextVerb(environment)
{
    protected override string Name => "edit";
    protected override string Summary => "Edit a sent message (EditMessage)";
    protected override string Details => "Example:\n  lineagent edit --message 3F2A… --text \"Corrected text\"";
    protected override string MessageDescription => "the sent message to edit (its GUID)";
    protected override string TextDescription => "the new text";

    protected override async Task<Proto.SendReceipt> CallAsync(AgentCall call, string key, string messageGuid, string text, int part, CancellationToken cancellationToken) =>
        await call.Client.EditMessageAsync(new Proto.EditMessageRequest
        {
            IdempotencyKey = key, MessageGuid = messageGuid, Text = text, PartIndex = part,
        }, cancellationToken: cancellationToken);
}
