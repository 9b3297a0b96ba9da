using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>
/// `lineagent send --to H | --chat GUID [--text T] [--file F…] [--link URL]`: SendMessage, with files uploaded first
/// (UploadAttachment: SHA-256 and chunks done here). The idempotency key is printed: sending again with the same
/// --key never sends twice.
/// </summary>
internal sealed class SendVerb(ClientEnvironment environment) : ClientVerb(environment)
{
    protected override string Name => "send";
    protected override string Summary => "Send a text, files or a link to a recipient or chat (UploadAttachment, SendMessage)";
    protected override string Details => """
        Parts are sent in order: the text, then each --file (uploaded first), then --link. --wait follows the send
        until it is sent, failed or unconfirmed (exit 1 unless sent, delivered or read).

        Examples:
          lineagent send --to +15555550123 --text "Hello"
          lineagent send --chat 'iMessage;+;chat123' --text "Photos" --file a.jpg --file b.jpg
          lineagent send --to +15555550123 --text "Hello" --key hello-1 --wait
        """;

    protected override Func<ParseResult, AgentCall, CancellationToken, Task<int>> Declare(Verb verb)
    {
        var to = Receipts.To();
        var chat = Receipts.Chat();
        var text = new Option<string>("--text") { Description = "the message text", HelpName = "TEXT" };
        var files = new Option<string[]>("--file") { Description = "a file to attach (repeatable)", HelpName = "PATH", Arity = ArgumentArity.OneOrMore };
        var link = new Option<string>("--link") { Description = "a URL sent as a rich link", HelpName = "URL" };
        var key = Receipts.Key();
        var wait = new Option<bool>("--wait") { Description = "wait until the send is sent, failed or unconfirmed" };
        foreach (var option in new Option[] { to, chat, text, files, link, key, wait })
            verb.Options.Add(option);
        Receipts.RequireOneTarget(verb, to, chat);
        verb.Validators.Add(result =>
        {
            if (result.GetResult(text) is null && result.GetResult(files) is null && result.GetResult(link) is null)
                result.AddError("nothing to send: give --text, --file or --link");
        });

        return async (parse, call, cancellationToken) =>
        {
            var request = new Proto.SendMessageRequest { IdempotencyKey = parse.GetValue(key)! };
            if (parse.GetValue(to) is { } handle) request.To = handle;
            else request.ChatGuid = parse.GetValue(chat)!;
            if (parse.GetValue(text) is { } body)
                request.Parts.Add(new Proto.OutgoingPart { Text = new Proto.TextPart { Text = body } });
            var paths = parse.GetValue(files) ?? [];
            if (paths.Length > 0 && await ExistingAsync(call, request.IdempotencyKey, cancellationToken) is { } existing)
            {
                // A retry of a send with files: uploading again would make new attachment ids, a different request the
                // agent refuses for this key. The send exists: report it, upload and send nothing.
                call.Output.Note($"a send with key {request.IdempotencyKey} exists; nothing uploaded or sent");
                existing.Replayed = true;
                call.Output.Write(existing, () => Receipts.Describe(existing));
                return 0;
            }
            foreach (var path in paths)
            {
                var upload = await Uploads.UploadAsync(call.Client, path, cancellationToken);
                call.Output.Note(string.Create(CultureInfo.InvariantCulture,
                    $"uploaded {upload.FileName} ({upload.SizeBytes:N0} bytes, sha256 {upload.Sha256[..12]}…)"));
                request.Parts.Add(new Proto.OutgoingPart { Media = new Proto.MediaPart { AttachmentId = upload.AttachmentId } });
            }
            if (parse.GetValue(link) is { } url)
                request.Parts.Add(new Proto.OutgoingPart { RichLink = new Proto.RichLinkPart { Url = url } });

            var receipt = await call.Client.SendMessageAsync(request, cancellationToken: cancellationToken);
            if (parse.GetValue(wait))
                receipt = await WaitAsync(call, receipt, cancellationToken);
            call.Output.Write(receipt, () => Receipts.Describe(receipt));
            return !parse.GetValue(wait) || receipt.State is Proto.SendState.Sent or Proto.SendState.Delivered or Proto.SendState.Read ? 0 : 1;
        };
    }

    private static async Task<Proto.SendReceipt?> ExistingAsync(AgentCall call, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await call.Client.GetSendAsync(new Proto.GetSendRequest { IdempotencyKey = key }, cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Polls GetSend until the send leaves queued/sending (at most two minutes).</summary>
    private static async Task<Proto.SendReceipt> WaitAsync(AgentCall call, Proto.SendReceipt receipt, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (receipt.State is Proto.SendState.Queued or Proto.SendState.Sending && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            receipt = await call.Client.GetSendAsync(new Proto.GetSendRequest { SendId = receipt.SendId }, cancellationToken: cancellationToken);
        }
        return receipt;
    }
}
