namespace LineAgent.Agent.ChangeFeed;

/// <summary>The points of a pass where <see cref="ChangeFeedEngine.FaultInjection"/> can simulate a crash.</summary>
public enum FeedStep
{
    /// <summary>Everything was read from chat.db; nothing is journaled yet.</summary>
    Read,

    /// <summary>Right before the journal transaction.</summary>
    BeforeAppend,

    /// <summary>The journal committed; the engine's memory is not updated yet.</summary>
    AfterAppend,
}
