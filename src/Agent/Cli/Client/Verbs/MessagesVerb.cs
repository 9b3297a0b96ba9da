using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>`lineagent messages --chat GUID`: ListMessages — a chat's latest messages, oldest of them first.</summary>
internal sealed class MessagesVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "messages";
    protected override string Summary => "List a chat's messages (ListMessages)";
    protected override string Details => "Examples:\n  lineagent messages --chat 'iMessage;-;+15555550123'\n  lineagent messages --chat 'iMessage;-;+15555550123' --limit 5 --json";

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var chat = new Option<string>("--chat") { Description = "the chat's GUID (lineagent chats lists them)", HelpName = "GUID", Required = true };
        var limit = CliOptions.Number("--limit", "at most N messages (default 20, at most 500)", 1, 500, 20);
        verb.Options.Add(chat);
        verb.Options.Add(limit);
        return async (parse, call, cancellationToken) =>
        {
            var response = await call.Client.ListMessagesAsync(new Proto.ListMessagesRequest
            {
                ChatGuid = parse.GetValue(chat)!, PageSize = parse.GetValue(limit),
            }, cancellationToken: cancellationToken);
            call.Output.Write(response, () => response.Messages.Count == 0
                ? "no messages"
                : string.Join('\n', response.Messages.OrderBy(m => m.Rowid).Select(Describe)));
            return 0;
        };
    }

    /// <summary>"2026-11-26 12:00:01  me → …  text  (delivered, read)".</summary>
    internal static string Describe(Proto.Message m)
    {
        var who = m.IsFromMe ? "me" : m.Sender;
        var body = m.Kind switch
        {
            "reaction" when m.Reaction is { } r => $"[{r.Type}{(string.IsNullOrEmpty(r.Emoji) ? "" : " " + r.Emoji)}]",
            // U+FFFC marks where an attachment sits in the text: the names say it better.
            _ when m.Attachments.Count > 0 => $"{m.Text.Replace("\uFFFC", "", StringComparison.Ordinal)} [{string.Join(", ", m.Attachments.Select(a => a.TransferName))}]".Trim(),
            _ => m.Text,
        };
        var state = m.IsFromMe ? (m.IsRead ? "  (read)" : m.IsDelivered ? "  (delivered)" : m.IsSent ? "  (sent)" : "") : "";
        return $"{m.Date?.ToDateTimeOffset().ToLocalTime():yyyy-MM-dd HH:mm:ss}  {who}: {body}{state}  {m.Guid}";
    }
}
