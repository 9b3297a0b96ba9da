using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent add-participant`: AddParticipant.</summary>
internal sealed class AddParticipantVerb(ClientEnvironment environment) : MemberVerb(environment)
{
    protected override string Name => "add-participant";
    protected override string Summary => "Add someone to a group chat (AddParticipant)";
    protected override string Details => "Example:\n  lineagent add-participant --chat 'iMessage;+;chat123' --handle +15555550126";

    protected override async Task<Proto.SendReceipt> CallAsync(AgentCall call, string key, string chatGuid, string handle, CancellationToken cancellationToken) =>
        await call.Client.AddParticipantAsync(new Proto.AddParticipantRequest
        {
            IdempotencyKey = key, ChatGuid = chatGuid, Handle = handle,
        }, cancellationToken: cancellationToken);
}
