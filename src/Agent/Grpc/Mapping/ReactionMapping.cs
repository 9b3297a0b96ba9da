using LineAgent.ChatDbReader.Records;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>
/// The one tapback type (<see cref="ReactionType"/>, as chat.db records it) to and from the proto enum React takes.
/// Explicit, value by value: the two enums number their members differently.
/// </summary>
public static class ReactionMapping
{
    /// <summary>The domain tapback; throws <see cref="ArgumentOutOfRangeException"/> for UNSPECIFIED or an unknown value (the validator refuses both).</summary>
    public static ReactionType ToDomain(Proto.ReactionType reaction) => reaction switch
    {
        Proto.ReactionType.Love => ReactionType.Love,
        Proto.ReactionType.Like => ReactionType.Like,
        Proto.ReactionType.Dislike => ReactionType.Dislike,
        Proto.ReactionType.Laugh => ReactionType.Laugh,
        Proto.ReactionType.Emphasize => ReactionType.Emphasize,
        Proto.ReactionType.Question => ReactionType.Question,
        _ => throw new ArgumentOutOfRangeException(nameof(reaction), reaction, "not one of the six tapbacks React sends"),
    };

    /// <summary>The proto value for a classic tapback; UNSPECIFIED for emoji and sticker tapbacks, which React cannot send.</summary>
    public static Proto.ReactionType ToProto(ReactionType reaction) => reaction switch
    {
        ReactionType.Love => Proto.ReactionType.Love,
        ReactionType.Like => Proto.ReactionType.Like,
        ReactionType.Dislike => Proto.ReactionType.Dislike,
        ReactionType.Laugh => Proto.ReactionType.Laugh,
        ReactionType.Emphasize => Proto.ReactionType.Emphasize,
        ReactionType.Question => Proto.ReactionType.Question,
        _ => Proto.ReactionType.Unspecified,
    };
}
