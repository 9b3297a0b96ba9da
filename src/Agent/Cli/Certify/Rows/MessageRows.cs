using Google.Protobuf;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify.Rows;

/// <summary>The plain sends to the peer — text, a file, several images, a location pin, a rich link — each proven delivered.</summary>
internal static class MessageRows
{
    private const string LeftMessage = "1 message in the peer's chat";

    public static IEnumerable<CertifyRow> All() =>
    [
        new("text", Proto.Capability.SendText, TextAsync),
        new("file", Proto.Capability.SendAttachments, FileAsync),
        new("several images", Proto.Capability.ParallelAttachments, ImagesAsync),
        new("location pin", Proto.Capability.SendLocation, LocationAsync),
        new("rich link", Proto.Capability.RichLinks, RichLinkAsync),
    ];

    private static async Task<RowOutcome> TextAsync(CertifyContext c, CancellationToken ct)
    {
        var (guid, _, text) = await c.BaseMessageAsync(ct);
        try
        {
            await c.DeliveredAsync(await c.Client.GetSendAsync(new Proto.GetSendRequest { SendId = c.BaseSendId }, c.Headers, cancellationToken: ct), ct);
            await c.SeenAsync("message.delivered", e => e.Type == "message.delivered" && e.MessageGuid == guid, ct);
            var peer = await c.PeerSeenAsync("message.received", e => e.Type == "message.received" && e.DataJson.Contains(text, StringComparison.Ordinal), ct);
            return RowOutcome.Pass($"GetSend delivered; message.delivered {guid}{peer}", LeftMessage);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail(ex.Message, LeftMessage);
        }
    }

    private static async Task<RowOutcome> FileAsync(CertifyContext c, CancellationToken ct)
    {
        var name = $"lineagent-certify-{c.RunId}.txt";
        var id = await UploadAsync(c, name, "text/plain", System.Text.Encoding.UTF8.GetBytes(c.Text("file") + "\n"), ct);
        var receipt = await c.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = c.Key("file"), To = c.Settings.Peer, Parts = { new Proto.OutgoingPart { Media = new Proto.MediaPart { AttachmentId = id } } },
        }, c.Headers, cancellationToken: ct);
        return await DeliveredAsync(c, "file", receipt, name, ct);
    }

    private static async Task<RowOutcome> ImagesAsync(CertifyContext c, CancellationToken ct)
    {
        var request = new Proto.SendMessageRequest { IdempotencyKey = c.Key("images"), To = c.Settings.Peer, ParallelAttachments = true };
        for (var i = 1; i <= 3; i++)
        {
            var id = await UploadAsync(c, $"lineagent-certify-{c.RunId}-{i}.png", "image/png", TinyPng, ct);
            request.Parts.Add(new Proto.OutgoingPart { Media = new Proto.MediaPart { AttachmentId = id } });
        }
        // Pasted into the compose field and sent with one Return (the UI path): proven by the attachments chat.db records.
        var receipt = await c.SentAsync(await c.Client.SendMessageAsync(request, c.Headers, cancellationToken: ct), ct);
        c.Sent.AddRange(receipt.MessageGuids.Select(g => (g, "several images")));
        var attachments = 0;
        foreach (var guid in receipt.MessageGuids)
            attachments += (await c.Client.GetMessageAsync(new Proto.GetMessageRequest { MessageGuid = guid }, c.Headers, cancellationToken: ct)).Attachments.Count;
        var left = $"{receipt.MessageGuids.Count} message(s) in the peer's chat";
        if (attachments != 3)
            return RowOutcome.Fail($"GetMessage shows {attachments} of the 3 images", left);
        var peer = await c.PeerSeenAsync("message.received", e => e.Type == "message.received" && e.DataJson.Contains($"lineagent-certify-{c.RunId}-1.png", StringComparison.Ordinal), ct);
        return RowOutcome.Pass($"GetSend {receipt.State.ToString().ToLowerInvariant()}; GetMessage: 3 images in {receipt.MessageGuids.Count} message(s){peer}", left);
    }

    private static async Task<RowOutcome> LocationAsync(CertifyContext c, CancellationToken ct)
    {
        var receipt = await c.Client.SendLocationAsync(new Proto.SendLocationRequest
        {
            IdempotencyKey = c.Key("location"), To = c.Settings.Peer, Latitude = 37.3349, Longitude = -122.009, Name = c.Text("location"),
        }, c.Headers, cancellationToken: ct);
        return await DeliveredAsync(c, "location pin", receipt, ".loc.vcf", ct);
    }

    private static async Task<RowOutcome> RichLinkAsync(CertifyContext c, CancellationToken ct)
    {
        var url = $"https://example.com/lineagent-certify?run={c.RunId}";
        var receipt = await c.Client.SendMessageAsync(new Proto.SendMessageRequest
        {
            IdempotencyKey = c.Key("link"), To = c.Settings.Peer, Parts = { new Proto.OutgoingPart { RichLink = new Proto.RichLinkPart { Url = url } } },
        }, c.Headers, cancellationToken: ct);
        // Proven by the balloon chat.db records for a rich link; Messages' UI compose path gives no delivery receipt to wait
        // for in every build, and plain delivery is the text row's proof.
        receipt = await c.SentAsync(receipt, ct);
        var guid = receipt.MessageGuids.Last();
        c.Sent.Add((guid, "rich link"));
        var message = await c.Client.GetMessageAsync(new Proto.GetMessageRequest { MessageGuid = guid }, c.Headers, cancellationToken: ct);
        if (!message.BalloonBundleId.Contains("URLBalloonProvider", StringComparison.Ordinal))
            return RowOutcome.Fail($"sent as a bare URL: GetMessage shows no rich-link balloon (balloon_bundle_id '{message.BalloonBundleId}')", LeftMessage);
        var peer = await c.PeerSeenAsync("message.received", e => e.Type == "message.received" && e.DataJson.Contains(url, StringComparison.Ordinal), ct);
        return RowOutcome.Pass($"GetSend {receipt.State.ToString().ToLowerInvariant()}; GetMessage {guid}: {message.BalloonBundleId}{peer}", LeftMessage);
    }

    /// <summary>Delivered per GetSend, the line's message.delivered event, and with --peer-line the peer's message.received.</summary>
    private static async Task<RowOutcome> DeliveredAsync(CertifyContext c, string row, Proto.SendReceipt receipt, string seenText, CancellationToken ct)
    {
        receipt = await c.FollowAsync(receipt, CertifyContext.IsSent, ct);
        c.Sent.AddRange(receipt.MessageGuids.Select(g => (g, row)));
        var left = receipt.MessageGuids.Count == 0 ? "nothing" : $"{receipt.MessageGuids.Count} message(s) in the peer's chat";
        try
        {
            receipt = await c.DeliveredAsync(receipt, ct);
        }
        catch (CertifyCheckException ex)
        {
            return RowOutcome.Fail(ex.Message, left);
        }
        var last = receipt.MessageGuids.Last();
        await c.SeenAsync("message.delivered", e => e.Type == "message.delivered" && e.MessageGuid == last, ct);
        var peer = await c.PeerSeenAsync("message.received", e => e.Type == "message.received" && e.DataJson.Contains(seenText, StringComparison.Ordinal), ct);
        return RowOutcome.Pass($"GetSend delivered ({receipt.MessageGuids.Count} message(s)); message.delivered {last}{peer}", left);
    }

    private static async Task<string> UploadAsync(CertifyContext c, string name, string mime, byte[] bytes, CancellationToken ct)
    {
        using var call = c.Client.UploadAttachment(c.Headers, cancellationToken: ct);
        await call.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest
        {
            Metadata = new Proto.UploadMetadata
            {
                FileName = name, MimeType = mime, SizeBytes = bytes.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
            },
        }, ct);
        await call.RequestStream.WriteAsync(new Proto.UploadAttachmentRequest { Chunk = ByteString.CopyFrom(bytes) }, ct);
        await call.RequestStream.CompleteAsync();
        return (await call.ResponseAsync).AttachmentId;
    }

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
