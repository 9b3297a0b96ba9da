using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent rename-chat`: RenameChat.</summary>
internal sealed class RenameChatVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "rename-chat";
    protected override string Summary => "Rename a group chat (RenameChat)";
    protected override string Details => "Example:\n  lineagent rename-chat --chat 'iMessage;+;chat123' --name \"Weekend plans\"";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var chat = new Option<string>("--chat") { Description = "the group chat's GUID", HelpName = "GUID", Required = true };
        var name = new Option<string>("--name") { Description = "the new name", HelpName = "NAME", Required = true };
        var key = Receipts.Key();
        foreach (var option in new Option[] { chat, name, key })
            verb.Options.Add(option);
        return async (parse, call, cancellationToken) =>
        {
            var receipt = await call.Client.RenameChatAsync(new Proto.RenameChatRequest
            {
                IdempotencyKey = parse.GetValue(key)!,
                ChatGuid = parse.GetValue(chat)!,
                Name = parse.GetValue(name)!,
            }, cancellationToken: cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return 0;
        };
    }
}
