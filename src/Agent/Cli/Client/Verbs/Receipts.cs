using System.CommandLine;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>What every send-like verb shares: the idempotency key option, the target options, the receipt as text.</summary>
internal static class Receipts
{
    /// <summary>--key K: the idempotency key (default: a new random one, printed so the send can be looked up or retried).</summary>
    public static Option<string> Key() => new("--key")
    {
        Description = "idempotency key: the same key never sends twice (default: a new one, printed)",
        HelpName = "KEY",
        DefaultValueFactory = _ => "cli-" + Guid.NewGuid().ToString("N"),
    };

    public static Option<string> To() => new("--to")
    {
        Description = "one recipient: E.164 phone number (+15551234567) or email address",
        HelpName = "HANDLE",
    };

    public static Option<string> Chat() => new("--chat")
    {
        Description = "an existing chat's GUID (lineagent chats lists them)",
        HelpName = "GUID",
    };

    /// <summary>Exactly one of --to and --chat: a send never goes to a guessed target.</summary>
    public static void RequireOneTarget(Command verb, Option<string> to, Option<string> chat) =>
        verb.Validators.Add(result =>
        {
            var hasTo = result.GetResult(to) is not null;
            var hasChat = result.GetResult(chat) is not null;
            if (hasTo == hasChat)
                result.AddError("give exactly one of --to HANDLE and --chat GUID");
        });

    /// <summary>"queued s_123 (key cli-…) → +1555…; follow it: lineagent get-send s_123".</summary>
    public static string Describe(Proto.SendReceipt r)
    {
        var state = Names.State(r.State);
        var target = string.IsNullOrEmpty(r.ChatGuid) ? "" : $" in {r.ChatGuid}";
        var replay = r.Replayed ? " (replayed: this key was already sent; nothing new was sent)" : "";
        var error = string.IsNullOrEmpty(r.Error) ? ""
            : $" — {r.Error}" + (r.FailureCode == Proto.SendFailureCode.Unspecified ? "" : $" ({Names.Kebab(r.FailureCode.ToString())}{(r.Retryable ? ", retryable with a new key" : ", not retryable")})");
        var guids = r.MessageGuids.Count == 0 ? "" : $"\nmessages: {string.Join(", ", r.MessageGuids)}";
        return $"{state} {r.SendId} (key {r.IdempotencyKey}){target}{replay}{error}{guids}\nfollow it: lineagent get-send {r.SendId}";
    }
}
