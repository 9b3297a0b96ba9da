using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent remove-participant`: RemoveParticipant.</summary>
internal sealed class RemoveParticipantVerb(ClientEnvironment environment) : MemberVerb(environment)
{
    protected override string Name => "remove-participant";
    protected override string Summary => "Remove someone from a group chat (RemoveParticipant)";
    protected override string Details => "Example:\n  lineagent remove-participant --chat 'iMessage;+;chat123' --handle +15555550126";

    protected override async Task<Proto.SendReceipt> CallAsync(AgentCall call, string key, string chatGuid, string handle, CancellationToken cancellationToken) =>
        await call.Client.RemoveParticipantAsync(new Proto.RemoveParticipantRequest
        {
            IdempotencyKey = key, ChatGuid = chatGuid, Handle = handle,
        }, cancellationToken: cancellationToken);
}
