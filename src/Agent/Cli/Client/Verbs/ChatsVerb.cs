using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent chats`: ListChats — the chats in chat.db, most recent first.</summary>
internal sealed class ChatsVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "chats";
    protected override string Summary => "List the chats (ListChats): GUID, name, participants";
    protected override string Details => "Examples:\n  lineagent chats\n  lineagent chats --limit 5 --json";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var limit = CliOptions.Number("--limit", "at most N chats (default 50, at most 500)", 1, 500, 50);
        verb.Options.Add(limit);
        return async (parse, call, cancellationToken) =>
        {
            var response = await call.Client.ListChatsAsync(new Proto.ListChatsRequest { PageSize = parse.GetValue(limit) }, cancellationToken: cancellationToken);
            call.Output.Write(response, () => response.Chats.Count == 0
                ? "no chats"
                : string.Join('\n', response.Chats.Select(Describe)));
            return 0;
        };
    }

    /// <summary>"iMessage;+;chat… Weekend plans [+1555…, +1555…]".</summary>
    internal static string Describe(Proto.Chat c) =>
        $"{c.Guid}  {(string.IsNullOrEmpty(c.DisplayName) ? (c.IsGroup ? "(group)" : c.ChatIdentifier) : c.DisplayName)}" +
        $"  [{string.Join(", ", c.Participants)}]";
}
