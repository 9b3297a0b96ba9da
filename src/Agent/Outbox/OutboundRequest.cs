using System.Text.Json.Serialization;
using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Outbox;

/// <summary>The kinds of request the outbox carries (stored as text in outbox_send.kind and the send.* payloads).</summary>
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
    Reply,
    Edit,
    Unsend,
    MarkRead,
    RenameChat,
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
/// A validated send request in the outbox's own terms, one type per send kind (the gRPC layer maps its messages
/// to these). Stored as JSON with the kind as discriminator, first: {"kind":"Message",…}; the JSON's SHA-256 is the
/// request fingerprint that tells a retry from a different request reusing a key.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MessageSend), nameof(SendKind.Message))]
[JsonDerivedType(typeof(LocationSend), nameof(SendKind.Location))]
[JsonDerivedType(typeof(ReactionSend), nameof(SendKind.Reaction))]
[JsonDerivedType(typeof(TypingSend), nameof(SendKind.Typing))]
[JsonDerivedType(typeof(CreateChatSend), nameof(SendKind.CreateChat))]
[JsonDerivedType(typeof(AddParticipantSend), nameof(SendKind.AddParticipant))]
[JsonDerivedType(typeof(RemoveParticipantSend), nameof(SendKind.RemoveParticipant))]
[JsonDerivedType(typeof(ReplySend), nameof(SendKind.Reply))]
[JsonDerivedType(typeof(EditSend), nameof(SendKind.Edit))]
[JsonDerivedType(typeof(UnsendSend), nameof(SendKind.Unsend))]
[JsonDerivedType(typeof(MarkReadSend), nameof(SendKind.MarkRead))]
[JsonDerivedType(typeof(RenameChatSend), nameof(SendKind.RenameChat))]
public abstract record OutboundRequest
{
    /// <summary>The kind (the JSON discriminator).</summary>
    [JsonIgnore]
    public abstract SendKind Kind { get; }

    /// <summary>The existing chat this request acts in, when it names one (exactly as chat.db stores it).</summary>
    [JsonIgnore]
    public virtual string? TargetChatGuid => null;

    /// <summary>The UI-scripted capability the request needs (refused up front when unavailable); null for plain sends.</summary>
    [JsonIgnore]
    public virtual LineCapability? UiCapability => null;

    /// <summary>Recipients that count against the new-contact budget when chat.db has no history with them.</summary>
    [JsonIgnore]
    public virtual IReadOnlyList<string> PossibleNewContacts => [];
}

/// <summary>A message to a chat or one recipient: its parts go out in order, one bubble each.</summary>
public sealed record MessageSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.Message;

    /// <summary>An existing chat's GUID; exactly one of this and <see cref="To"/>.</summary>
    public string? ChatGuid { get; init; }

    /// <summary>A 1:1 recipient (E.164 phone or email).</summary>
    public string? To { get; init; }

    public IReadOnlyList<OutboundPart> Parts { get; init; } = [];

    /// <summary>
    /// Each run of consecutive media parts goes out as one send (several images, one Return). Left out of the JSON
    /// when false, so the fingerprint of every message stored before the flag existed is unchanged.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ParallelAttachments { get; init; }

    [JsonIgnore] public override string? TargetChatGuid => ChatGuid;
    [JsonIgnore] public override IReadOnlyList<string> PossibleNewContacts => To is null ? [] : [To];
    [JsonIgnore] public override LineCapability? UiCapability => ParallelAttachments ? LineCapability.ParallelAttachments : null;

    /// <summary>Where the parts go.</summary>
    public SendTarget Target() => SendTargets.Of(ChatGuid, To);
}

/// <summary>A one-time location pin (a .loc.vcf card) to a chat or one recipient.</summary>
public sealed record LocationSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.Location;
    public string? ChatGuid { get; init; }
    public string? To { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }

    /// <summary>The pin's label; null for "Current Location".</summary>
    public string? LocationName { get; init; }

    [JsonIgnore] public override string? TargetChatGuid => ChatGuid;
    [JsonIgnore] public override IReadOnlyList<string> PossibleNewContacts => To is null ? [] : [To];
    public SendTarget Target() => SendTargets.Of(ChatGuid, To);
}

/// <summary>A tapback added to (or removed from) a message.</summary>
public sealed record ReactionSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.Reaction;
    public required string MessageGuid { get; init; }

    /// <summary>One of the six classic tapbacks (<see cref="ReactionType.Love"/> … <see cref="ReactionType.Question"/>).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ReactionType>))]
    public required ReactionType Reaction { get; init; }

    public bool Remove { get; init; }
    public int PartIndex { get; init; }
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.Tapbacks;
}

/// <summary>Starts or stops the typing indicator in a chat.</summary>
public sealed record TypingSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.Typing;
    public required string ChatGuid { get; init; }
    public bool Typing { get; init; }
    [JsonIgnore] public override string? TargetChatGuid => ChatGuid;
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.Typing;
}

/// <summary>A new group chat, created by sending its first message.</summary>
public sealed record CreateChatSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.CreateChat;
    public required IReadOnlyList<string> Recipients { get; init; }
    public required string Text { get; init; }
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.GroupCreate;
    [JsonIgnore] public override IReadOnlyList<string> PossibleNewContacts => Recipients;
}

/// <summary>Adds a participant to a group chat.</summary>
public sealed record AddParticipantSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.AddParticipant;
    public required string ChatGuid { get; init; }
    public required string Handle { get; init; }
    [JsonIgnore] public override string? TargetChatGuid => ChatGuid;
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.ParticipantChanges;
}

/// <summary>Removes a participant from a group chat.</summary>
public sealed record RemoveParticipantSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.RemoveParticipant;
    public required string ChatGuid { get; init; }
    public required string Handle { get; init; }
    [JsonIgnore] public override string? TargetChatGuid => ChatGuid;
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.ParticipantChanges;
}

internal static class SendTargets
{
    /// <summary>The chat when one is named, else the recipient over iMessage.</summary>
    public static SendTarget Of(string? chatGuid, string? to) =>
        chatGuid is not null ? new ChatTarget(chatGuid)
        : to is not null ? new HandleTarget(to, MessagesService.IMessage)
        : throw new ArgumentException("A message needs a chat GUID or a recipient.");
}
