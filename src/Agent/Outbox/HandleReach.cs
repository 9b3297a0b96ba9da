using LineAgent.Agent.Correlation;
using LineAgent.ChatDbReader.Records;

namespace LineAgent.Agent.Outbox;

/// <summary>What chat.db's history says about reaching a handle over iMessage.</summary>
public enum HandleVerdict
{
    /// <summary>No 1:1 history that decides it (never contacted, or only failures other than "not delivered").</summary>
    Unknown,
    /// <summary>The newest evidence is an iMessage delivered to it, or one received from it.</summary>
    KnownIMessage,
    /// <summary>The newest evidence is an own message to it that Messages marked not delivered (error 22).</summary>
    KnownFailing,
}

/// <summary>A handle's verdict and the evidence behind it.</summary>
public sealed record HandleReachReport(HandleVerdict Verdict, HandleHistory History);

/// <summary>
/// Answers, from chat.db's 1:1 history only (no Apple lookup exists without private APIs), whether a handle is known to
/// reach iMessage, known to fail, or unknown. The newest evidence wins: a recipient who moved to iMessage after a
/// failure is reachable again, and one who left it fails again.
/// </summary>
public sealed class HandleReach(IChatDbView chatDb)
{
    /// <summary>chat.db's error code for "Not Delivered" (reference chatdb.md §2.2; the simulator's not-on-iMessage rows).</summary>
    public const long NotDeliveredError = 22;

    /// <summary>The verdict for <paramref name="handle"/> (as the send RPCs take it: E.164 or email).</summary>
    /// <exception cref="ChatDbReader.ChatDbOpenException">chat.db cannot be read.</exception>
    public HandleReachReport Check(string handle) => Classify(chatDb.ReadHandleHistory(handle));

    /// <summary>The verdict for a history (pure).</summary>
    public static HandleReachReport Classify(HandleHistory history)
    {
        var reached = Max(history.LastDeliveredAt, history.LastReceivedIMessageAt);
        var verdict = history.LastFailedAt is { } failed && (reached is null || failed > reached)
            ? history.LastFailedError == NotDeliveredError ? HandleVerdict.KnownFailing : HandleVerdict.Unknown
            : reached is not null ? HandleVerdict.KnownIMessage : HandleVerdict.Unknown;
        return new HandleReachReport(verdict, history);
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
