using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LineAgent.Agent.Outbox.Canary;

/// <summary>
/// One canary round: the interval it falls in, and what that determines — its idempotency key and its text. Rounds are
/// aligned to the interval, shifted by a phase derived from the line id (so a fleet's lines do not all send at :00),
/// which makes the key a function of the clock: a restart within a round submits the same key and gets the same send
/// back, never a second message.
/// </summary>
/// <param name="Start">When the round began.</param>
/// <param name="Interval">Canary:Interval.</param>
/// <param name="Peer">Canary:Peer.</param>
public sealed record CanaryRound(DateTimeOffset Start, TimeSpan Interval, string Peer)
{
    /// <summary>What every canary text starts with (documented in line.proto, Line.canary).</summary>
    public const string TextPrefix = "LineAgent canary ";

    /// <summary>When the next round begins.</summary>
    public DateTimeOffset End => Start + Interval;

    /// <summary>"lineagent:canary:&lt;start, Unix seconds, 10 digits&gt;:&lt;peer&gt;" (reserved: callers cannot use it; sorts by time).</summary>
    public string IdempotencyKey =>
        LineTrafficKeys.CanaryPrefix + Start.ToUnixTimeSeconds().ToString("D10", CultureInfo.InvariantCulture) + ":" + Peer;

    /// <summary>"LineAgent canary 2026-12-01T15:07:30Z": short, recognisable, and tells the peer which round it is.</summary>
    public string Text => TextPrefix + Start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The request the round submits.</summary>
    public MessageSend Request() => new() { To = Peer, Parts = [new OutboundPart(OutboundPartKind.Text, Text)] };

    /// <summary>The round <paramref name="now"/> falls in, for the line <paramref name="lineId"/>.</summary>
    public static CanaryRound At(DateTimeOffset now, TimeSpan interval, string peer, string lineId)
    {
        var phase = Phase(lineId, interval);
        var ticks = now.UtcTicks - phase;
        var start = ticks - (((ticks % interval.Ticks) + interval.Ticks) % interval.Ticks) + phase;
        // Whole seconds, so the key (Unix seconds) names exactly one start.
        return new CanaryRound(new DateTimeOffset(start - start % TimeSpan.TicksPerSecond, TimeSpan.Zero), interval, peer);
    }

    /// <summary>A stable offset within the interval, from the line id.</summary>
    private static long Phase(string lineId, TimeSpan interval)
    {
        var hash = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(lineId)), 0);
        var seconds = Math.Max(1, (long)interval.TotalSeconds);
        return (long)(hash % (ulong)seconds) * TimeSpan.TicksPerSecond;
    }
}
