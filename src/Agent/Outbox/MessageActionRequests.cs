using System.Text.Json.Serialization;
using LineAgent.Agent.Line;

namespace LineAgent.Agent.Outbox;

/// <summary>A text sent as a threaded reply to one part of a message, in that message's chat.</summary>
public sealed record ReplySend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.Reply;

    /// <summary>message.guid of the message replied to.</summary>
    public required string MessageGuid { get; init; }

    public int PartIndex { get; init; }
    public required string Text { get; init; }
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.Replies;
}

/// <summary>One part of one of the line's own sent messages edited to new text.</summary>
public sealed record EditSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.Edit;
    public required string MessageGuid { get; init; }
    public int PartIndex { get; init; }
    public required string Text { get; init; }
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.Edits;
}

/// <summary>One part of one of the line's own sent messages unsent ("Undo Send").</summary>
public sealed record UnsendSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.Unsend;
    public required string MessageGuid { get; init; }
    public int PartIndex { get; init; }
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.Unsends;
}

/// <summary>A chat marked read.</summary>
public sealed record MarkReadSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.MarkRead;
    public required string ChatGuid { get; init; }
    [JsonIgnore] public override string? TargetChatGuid => ChatGuid;
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.MarkRead;
}

/// <summary>A group chat renamed (an empty name clears it).</summary>
public sealed record RenameChatSend : OutboundRequest
{
    [JsonIgnore] public override SendKind Kind => SendKind.RenameChat;
    public required string ChatGuid { get; init; }
    public required string Name { get; init; }
    [JsonIgnore] public override string? TargetChatGuid => ChatGuid;
    [JsonIgnore] public override LineCapability? UiCapability => LineCapability.GroupRename;
}
