using System.Diagnostics;
using Grpc.Core;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Certify;

/// <summary>The test peers and limits of a run (from the command line).</summary>
/// <param name="Peer">The test peer's handle: the only 1:1 conversation the run touches.</param>
/// <param name="Peer2">The second peer for the group rows; null skips them.</param>
/// <param name="RowTimeout">How long each wait of a row may take (a delivery, an event, a final send state).</param>
internal sealed record CertifySettings(string Peer, string? Peer2, TimeSpan RowTimeout);

/// <summary>
/// What the rows share: the line's client (every call carries the certify metadata, so certify can re-run a capability
/// that failed certification), the event watches, and what the run created — the base message the message actions work
/// on, the 1:1 chat with the peer, the group — each made once, on first need, and proven to be the peer's before use.
/// Nothing here ever names a chat or a message the run did not create, except the peer's own 1:1 chat.
/// </summary>
internal sealed class CertifyContext(Proto.LineAgent.LineAgentClient client, EventWatch events, EventWatch? peerEvents, CertifySettings settings, string runId)
{
    private int _keys;
    private (string Guid, string ChatGuid, string Text)? _base;
    private string? _baseFailure;
    private string? _peerChat;
    private string? _group;
    private string? _groupFailure;

    public Proto.LineAgent.LineAgentClient Client => client;
    public EventWatch Events => events;
    public EventWatch? PeerEvents => peerEvents;
    public CertifySettings Settings => settings;
    public string RunId => runId;

    /// <summary>
    /// Metadata of every call: lifts the line's refusal of capabilities that failed certification (only that). A new
    /// instance per call: the client's interceptor adds the token to the metadata it is given.
    /// </summary>
    public Metadata Headers => new() { { "lineagent-certify", "1" } };

    /// <summary>Messages the run sent (GUID, row), for the clean-up to unsend.</summary>
    public List<(string Guid, string Row)> Sent { get; } = [];

    /// <summary>The group the run created (proven or not), for the report ("left behind").</summary>
    public string? Group { get; private set; }

    public string Key(string what) => $"certify-{runId}-{what}-{Interlocked.Increment(ref _keys)}";

    public string Text(string what) => $"LineAgent certify {runId}: {what}";

    /// <summary>Polls GetSend until <paramref name="done"/> holds or the row's time is up; returns the last receipt.</summary>
    public async Task<Proto.SendReceipt> FollowAsync(Proto.SendReceipt receipt, Func<Proto.SendState, bool> done, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!done(receipt.State) && !IsFinalFailure(receipt.State) && clock.Elapsed < settings.RowTimeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            receipt = await client.GetSendAsync(new Proto.GetSendRequest { SendId = receipt.SendId }, Headers, cancellationToken: cancellationToken);
        }
        return receipt;
    }

    /// <summary>Follows a send to SENT (or later); throws with the line's reason when it does not get there.</summary>
    public async Task<Proto.SendReceipt> SentAsync(Proto.SendReceipt receipt, CancellationToken cancellationToken)
    {
        receipt = await FollowAsync(receipt, IsSent, cancellationToken);
        return IsSent(receipt.State) ? receipt : throw new CertifyCheckException(Describe(receipt, "sent"));
    }

    /// <summary>Follows a send to DELIVERED (or READ); throws with the line's reason when it does not get there in time.</summary>
    public async Task<Proto.SendReceipt> DeliveredAsync(Proto.SendReceipt receipt, CancellationToken cancellationToken)
    {
        receipt = await FollowAsync(receipt, s => s is Proto.SendState.Delivered or Proto.SendState.Read, cancellationToken);
        return receipt.State is Proto.SendState.Delivered or Proto.SendState.Read ? receipt : throw new CertifyCheckException(Describe(receipt, "delivered"));
    }

    public static bool IsSent(Proto.SendState s) => s is Proto.SendState.Sent or Proto.SendState.Delivered or Proto.SendState.Read;

    private static bool IsFinalFailure(Proto.SendState s) => s is Proto.SendState.Failed or Proto.SendState.Unconfirmed;

    private string Describe(Proto.SendReceipt r, string wanted) => r.State switch
    {
        Proto.SendState.Failed or Proto.SendState.Unconfirmed =>
            $"{r.State.ToString().ToLowerInvariant()}: {r.Error}" + (r.FailureCode == Proto.SendFailureCode.Unspecified ? "" : $" ({r.FailureCode})"),
        _ => $"not {wanted} within {settings.RowTimeout.TotalSeconds:0.#} s (GetSend: {r.State.ToString().ToLowerInvariant()})",
    };

    /// <summary>The event on this line that proves a step, or a failed check naming what was missing.</summary>
    public async Task<Proto.Event> SeenAsync(string what, Func<Proto.Event, bool> match, CancellationToken cancellationToken) =>
        await events.WaitAsync(match, settings.RowTimeout, cancellationToken)
        ?? throw new CertifyCheckException($"no {what} event on this line within {settings.RowTimeout.TotalSeconds:0.#} s");

    /// <summary>With --peer-line, the event on the peer's line that proves the other side saw it; "" without one.</summary>
    public async Task<string> PeerSeenAsync(string what, Func<Proto.Event, bool> match, CancellationToken cancellationToken)
    {
        if (peerEvents is null)
            return "";
        var seen = await peerEvents.WaitAsync(match, settings.RowTimeout, cancellationToken)
                   ?? throw new CertifyCheckException($"the peer line saw no {what} within {settings.RowTimeout.TotalSeconds:0.#} s");
        return $"; peer line: {seen.Type}";
    }

    /// <summary>
    /// The run's own text to the peer, sent once (its delivery is the text row's check): what tapbacks, replies and edits
    /// act on. Throws (each row that needs it then fails with the reason) when it cannot be sent.
    /// </summary>
    public async Task<(string Guid, string ChatGuid, string Text)> BaseMessageAsync(CancellationToken cancellationToken)
    {
        if (_base is { } sent)
            return sent;
        if (_baseFailure is not null)
            throw new CertifyCheckException($"needs the run's text to the peer, which failed: {_baseFailure}");
        var text = Text("text");
        try
        {
            var receipt = await client.SendMessageAsync(new Proto.SendMessageRequest
            {
                IdempotencyKey = Key("text"), To = settings.Peer, Parts = { new Proto.OutgoingPart { Text = new Proto.TextPart { Text = text } } },
            }, Headers, cancellationToken: cancellationToken);
            receipt = await SentAsync(receipt, cancellationToken);
            BaseSendId = receipt.SendId;
            var guid = receipt.MessageGuids.Single();
            Sent.Add((guid, "text"));
            _base = (guid, receipt.ChatGuid, text);
            return _base.Value;
        }
        catch (Exception ex) when (ex is CertifyCheckException or RpcException)
        {
            _baseFailure = ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message;
            throw new CertifyCheckException(_baseFailure);
        }
    }

    /// <summary>The send id of the base message (set once it is sent).</summary>
    public string? BaseSendId { get; private set; }

    /// <summary>The 1:1 chat with the peer the base message went to, proven to be exactly that (GetChat) before any row acts in it.</summary>
    public async Task<string> PeerChatAsync(CancellationToken cancellationToken)
    {
        if (_peerChat is not null)
            return _peerChat;
        var (_, chatGuid, _) = await BaseMessageAsync(cancellationToken);
        var chat = await client.GetChatAsync(new Proto.GetChatRequest { ChatGuid = chatGuid }, Headers, cancellationToken: cancellationToken);
        if (chat.IsGroup || chat.Participants.Count != 1 || !SameHandle(chat.Participants[0], settings.Peer))
            throw new CertifyCheckException($"the text went to {chatGuid}, which is not the 1:1 chat with {settings.Peer} " +
                                            $"(participants: {string.Join(", ", chat.Participants)}): nothing is done in it");
        return _peerChat = chatGuid;
    }

    /// <summary>The group the run creates with both peers (once), proven to hold exactly them.</summary>
    public async Task<string> GroupAsync(CancellationToken cancellationToken)
    {
        if (_group is not null)
            return _group;
        if (_groupFailure is not null)
            throw new CertifyCheckException($"needs the run's group, which could not be created: {_groupFailure}");
        try
        {
            var receipt = await client.CreateChatAsync(new Proto.CreateChatRequest
            {
                IdempotencyKey = Key("group"), Recipients = { settings.Peer, settings.Peer2! }, Text = Text("group"),
            }, Headers, cancellationToken: cancellationToken);
            receipt = await SentAsync(receipt, cancellationToken);
            Group = receipt.ChatGuid;
            Sent.AddRange(receipt.MessageGuids.Select(g => (g, "group create")));
            var chat = await client.GetChatAsync(new Proto.GetChatRequest { ChatGuid = receipt.ChatGuid }, Headers, cancellationToken: cancellationToken);
            if (!chat.IsGroup || chat.Participants.Count != 2
                || !chat.Participants.Any(p => SameHandle(p, settings.Peer)) || !chat.Participants.Any(p => SameHandle(p, settings.Peer2!)))
                throw new CertifyCheckException($"the new chat {receipt.ChatGuid} does not hold exactly {settings.Peer} and {settings.Peer2} " +
                                                $"(participants: {string.Join(", ", chat.Participants)}): nothing more is done in it");
            return _group = receipt.ChatGuid;
        }
        catch (Exception ex) when (ex is CertifyCheckException or RpcException)
        {
            _groupFailure = ex is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : ex.Message;
            throw new CertifyCheckException(_groupFailure);
        }
    }

    /// <summary>A top-level string of an event's data_json ("" when absent or not a string).</summary>
    public static string Data(Proto.Event e, string key)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.DataJson);
            return json.RootElement.TryGetProperty(key, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString()! : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    public static bool SameHandle(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
