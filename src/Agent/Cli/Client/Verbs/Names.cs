using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Cli.Client.Verbs;

/// <summary>Proto enum values as people type and read them ("love", "send-text", "sent").</summary>
internal static class Names
{
    /// <summary>The tapbacks by the names --reaction accepts.</summary>
    public static readonly IReadOnlyDictionary<string, Proto.ReactionType> Reactions = new Dictionary<string, Proto.ReactionType>
    {
        ["love"] = Proto.ReactionType.Love,
        ["like"] = Proto.ReactionType.Like,
        ["dislike"] = Proto.ReactionType.Dislike,
        ["laugh"] = Proto.ReactionType.Laugh,
        ["emphasize"] = Proto.ReactionType.Emphasize,
        ["question"] = Proto.ReactionType.Question,
    };

    public static string Capability(Proto.Capability capability) =>
        Kebab(capability.ToString());

    public static string State(Proto.SendState state) => state.ToString().ToLowerInvariant();

    /// <summary>"SendText" → "send-text".</summary>
    public static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
