using System.Text.Json.Serialization;
using LineAgent.Agent.MessagesApp;

namespace LineAgent.Agent.Outbox;

/// <summary>The kinds of request the outbox carries.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SendKind>))]
public enum SendKind
{
    Message,
    Location,
    Reaction,
    Typing,
    CreateChat,
    AddParticipant,
    RemoveParticipant,
}

/// <summary>What one part of a message is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutboundPartKind>))]
public enum OutboundPartKind
{
    Text,
    RichLink,
    Media,
}

/// <summary>One part of a message: text, a URL for a rich link, or an uploaded attachment id.</summary>
public sealed record OutboundPart(OutboundPartKind Kind, string Value);

/// <summary>
/// A validated send request in the outbox's own terms (the gRPC layer maps its messages to this). Stored as
/// JSON; the JSON's SHA-256 is the request fingerprint that tells a retry from a different request reusing a key.
/// </summary>
public sealed record OutboundRequest
{
    public required SendKind Kind { get; init; }

    /// <summary>An existing chat's GUID (exactly as chat.db stores it).</summary>
    public string? ChatGuid { get; init; }

    /// <summary>A 1:1 recipient (E.164 phone or email).</summary>
    public string? To { get; init; }

    /// <summary>Message parts, sent in order.</summary>
    public IReadOnlyList<OutboundPart> Parts { get; init; } = [];

    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? LocationName { get; init; }

    /// <summary>Reaction target.</summary>
    public string? MessageGuid { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<TapbackKind>))]
    public TapbackKind? Reaction { get; init; }

    public bool Remove { get; init; }
    public int PartIndex { get; init; }
    public bool Typing { get; init; }

    /// <summary>CreateChat recipients.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    /// <summary>CreateChat first message.</summary>
    public string? Text { get; init; }

    /// <summary>Participant to add or remove.</summary>
    public string? Handle { get; init; }

    /// <summary>The target this request sends to, when it has one.</summary>
    public SendTarget? Target() =>
        ChatGuid is not null ? new ChatTarget(ChatGuid) : To is not null ? new HandleTarget(To, MessagesService.IMessage) : null;
}
