using System.Text.Json;
using LineAgent.Agent.Events;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Line;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Outbox.Canary;
using LineAgent.Agent.Outbox.Status;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.Fleet.Canary;

/// <summary>Issue 16 §2: the fleet canary against the simulator, through the real send pipeline.</summary>
public sealed class CanaryTests
{
    [Fact]
    public async Task DeliveredCanary_KeepsTheLineActive_RecordsItsLatency_AndIsMarkedAsTheLinesOwnTraffic()
    {
        await using var rig = new CanaryRig(sim => sim.DeliveredDelayMs = 150);
        rig.Harness.StartWorker();

        var entry = await rig.RoundAsync();

        Assert.NotNull(entry.DeliveredAt);
        var status = rig.Ledger.Status()!;
        Assert.Equal(0, status.ConsecutiveMisses);
        Assert.False(status.Degraded);
        Assert.Equal(entry.DeliveredAt, status.LastDeliveredAt);
        Assert.InRange(status.LastLatency!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        var conditions = rig.Conditions.Compute();
        Assert.DoesNotContain(LineReasons.CanaryNotDelivered, conditions.Reasons);
        Assert.Equal(status.LastDeliveredAt, conditions.Canary!.LastDeliveredAt);

        // One message, to the peer, with the documented text; every send.* event of it says canary.
        Assert.Single(rig.SendCalls);
        Assert.Matches(@"\ALineAgent canary \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\z", rig.Sim.LastSentText());
        Assert.StartsWith("lineagent:canary:", entry.IdempotencyKey, StringComparison.Ordinal);
        var sendEvents = rig.Harness.Journal.ReadAfter(0, 10_000).Where(e => e.Id.StartsWith($"send:{entry.SendId}:", StringComparison.Ordinal)).ToList();
        Assert.Contains(sendEvents, e => e.Type == JournalEventTypes.SendDelivered);
        Assert.All(sendEvents, e => Assert.True(JsonDocument.Parse(e.DataJson).RootElement.GetProperty("canary").GetBoolean()));
        // The canary's own sends stay out of the customers' send health.
        Assert.Equal(0, conditions.Sends.Sent);

        // GetLine carries it.
        var line = LineMapping.ToProto(new LineStatus([], null, "test", "0", [], new LineHealthReport(ProbeResult.Available,
            ProbeResult.Available, ProbeResult.Available, ProbeResult.Available), DateTimeOffset.UtcNow), conditions);
        Assert.Equal(CanaryRig.Peer, line.Canary.Peer);
        Assert.Equal(0, line.Canary.ConsecutiveMisses);
        Assert.True(line.Canary.HasLastLatencySeconds);
        Assert.Equal(entry.DeliveredAt!.Value.ToUnixTimeMilliseconds(), line.Canary.LastDeliveredAt.ToDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Equal("", line.Canary.DegradedReason);

        Assert.Single(rig.Seen("lineagent.canary.sent"));
        Assert.Single(rig.Seen("lineagent.canary.delivered"));
        Assert.Single(rig.Seen("lineagent.canary.latency"));
        Assert.Empty(rig.Seen("lineagent.canary.missed"));
    }

    [Fact]
    public async Task UndeliveredCanaries_DegradeTheLineAfterMissesToDegrade_WithTheReason_AndADeliveredOneRecovers()
    {
        await using var rig = new CanaryRig();
        rig.Harness.StartWorker();
        var monitor = new LineStatusMonitor(rig.Conditions, rig.LineId, rig.Harness.Journal,
            Options.Create(new HealthOptions { HeartbeatInterval = TimeSpan.FromDays(1) }), rig.Time, NullLogger<LineStatusMonitor>.Instance);

        var first = await rig.RoundAsync();
        Assert.NotNull(first.DeliveredAt);
        Assert.True(monitor.Evaluate());                                       // started: active

        // The peer stops receiving: its iMessages end with error 22.
        rig.Sim.Configure(c => c.NotOnIMessage.Add(CanaryRig.Peer));
        for (var miss = 1; miss <= 3; miss++)
        {
            rig.NextRound();
            var entry = await rig.RoundAsync();
            Assert.Equal(SendState.Failed, entry.State);
            var status = rig.Ledger.Status()!;
            Assert.Equal(miss, status.ConsecutiveMisses);
            Assert.Equal(miss == 3, status.Degraded);
            Assert.Equal(miss == 3, monitor.Evaluate());                       // journaled once, when the threshold is crossed
        }

        var degraded = rig.Conditions.Compute();
        Assert.Equal(LineState.Degraded, degraded.State);
        Assert.Contains(LineReasons.CanaryNotDelivered, degraded.Reasons);
        var lastDelivered = first.DeliveredAt!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"canary to {CanaryRig.Peer} not delivered 3 times in a row; last delivered {lastDelivered}", degraded.Canary!.DegradedReason);
        var changed = StatusEvents(rig.Harness.Journal)[^1];
        Assert.Equal("degraded", changed.GetProperty("state").GetString());
        Assert.Contains("canary_not_delivered", changed.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(degraded.Canary.DegradedReason, changed.GetProperty("canary").GetProperty("degraded_reason").GetString());
        Assert.Equal(3, changed.GetProperty("canary").GetProperty("consecutive_misses").GetInt32());

        // The peer is back: one delivered canary clears it.
        rig.Sim.Configure(c => c.NotOnIMessage.Clear());
        rig.NextRound();
        Assert.NotNull((await rig.RoundAsync()).DeliveredAt);
        var recovered = rig.Conditions.Compute();
        Assert.Equal(LineState.Active, recovered.State);
        Assert.Equal(0, recovered.Canary!.ConsecutiveMisses);
        Assert.Null(recovered.Canary.DegradedReason);
        Assert.True(monitor.Evaluate());
        Assert.Equal("active", StatusEvents(rig.Harness.Journal)[^1].GetProperty("state").GetString());

        Assert.Equal(5, rig.SendCalls.Count);
        Assert.Equal(3, rig.Seen("lineagent.canary.missed").Count(m => m.EndsWith("cause=not_delivered", StringComparison.Ordinal)));
        Assert.Equal(2, rig.Seen("lineagent.canary.delivered").Count);
    }

    [Fact]
    public async Task ACanarySentButNeverDelivered_IsPendingUntilTheDeliveryTimeout_ThenAMiss()
    {
        await using var rig = new CanaryRig(sim => sim.DeliveredDelayMs = -1, o => o.MissesToDegrade = 1);
        rig.Harness.StartWorker();
        var attempt = await rig.Service.StartRoundAsync(CancellationToken.None);
        await rig.Harness.WaitFinalAsync(attempt.Entry!.SendId);
        rig.Harness.FeedAndTrack();

        Assert.Equal(0, rig.Ledger.Status()!.ConsecutiveMisses);            // within the timeout: not judged either way
        Assert.False(rig.Ledger.Status()!.Degraded);

        rig.PassDeliveryTimeout();
        var status = rig.Ledger.Status()!;
        Assert.Equal(1, status.ConsecutiveMisses);
        Assert.True(status.Degraded);
        Assert.Equal($"canary to {CanaryRig.Peer} not delivered 1 time in a row; never delivered", status.DegradedReason);
        Assert.NotNull(status.LastSentAt);
        Assert.Null(status.LastDeliveredAt);
        Assert.Equal(["1|cause=timeout"], rig.Seen("lineagent.canary.missed"));
        rig.Ledger.Status();
        Assert.Single(rig.Seen("lineagent.canary.missed"));                     // counted once, however often it is read
    }

    [Fact]
    public async Task LineNotReady_SignedOut_SkipsTheRound_SendsNothing_AndCountsNoMiss()
    {
        // The iMessage account stays "connecting": the accounts probe says signed out (and a send would fail -1728).
        await using var rig = new CanaryRig(sim => sim.ConnectingProbes = 1000, o => o.MissesToDegrade = 1);
        rig.Harness.StartWorker();

        var attempt = await rig.Service.StartRoundAsync(CancellationToken.None);
        rig.NextRound();
        var again = await rig.Service.StartRoundAsync(CancellationToken.None);

        Assert.Null(attempt.Entry);
        Assert.Equal(LineReasons.SignedOut, attempt.SkipReason);
        Assert.Equal(LineReasons.SignedOut, again.SkipReason);
        Assert.Empty(rig.SendCalls);
        Assert.Empty(rig.Canaries());
        var status = rig.Ledger.Status()!;
        Assert.Equal(0, status.ConsecutiveMisses);
        Assert.False(status.Degraded);
        Assert.Equal(LineReasons.SignedOut, status.LastSkipReason);
        Assert.Equal(2, rig.Seen("lineagent.canary.skipped").Count(m => m == "1|reason=signed_out"));
        Assert.Empty(rig.Seen("lineagent.canary.sent"));
    }

    [Fact]
    public async Task CustomerSendsWaiting_TheRoundGivesWay_AfterYieldFor()
    {
        await using var rig = new CanaryRig();
        // The worker is not running: a customer send stays queued.
        rig.Harness.Pipeline.Submit("customer-1", new MessageSend { To = "+15555550199", Parts = [new OutboundPart(OutboundPartKind.Text, "hi")] });

        var attempt = await rig.Service.StartRoundAsync(CancellationToken.None);

        Assert.Equal("busy", attempt.SkipReason);
        Assert.Empty(rig.Canaries());
        Assert.Equal(1, rig.Harness.Store.CountWaiting());
    }

    [Fact]
    public async Task StartedNearTheEndOfARound_WaitsForTheNextRound_InsteadOfSendingTwiceInSeconds()
    {
        await using var rig = new CanaryRig(sim => sim.DeliveredDelayMs = 0);
        rig.Harness.StartWorker();
        rig.Time.Advance(rig.Options.Interval - TimeSpan.FromSeconds(8));   // 7 s left; DeliveryTimeout is 10 s

        var late = await rig.Service.StartRoundAsync(CancellationToken.None);

        Assert.Equal(CanaryService.RoundEnding, late.SkipReason);
        Assert.Empty(rig.SendCalls);
        Assert.Null(rig.Ledger.Status()!.LastSkipReason);                    // no round was lost: not a skip
        Assert.Empty(rig.Seen("lineagent.canary.skipped"));
        rig.Time.Advance(TimeSpan.FromSeconds(8));
        await rig.RoundAsync();
        Assert.Single(rig.SendCalls);
    }

    [Fact]
    public async Task RestartMidRound_NeverSendsTheRoundTwice()
    {
        await using var rig = new CanaryRig(sim => sim.DeliveredDelayMs = 100);

        // Crash after the submit, before the worker ran it: the restarted agent finds the round's send and lets it run.
        var queued = await rig.Service.StartRoundAsync(CancellationToken.None);
        await rig.RestartAsync();
        var resumed = await rig.Service.StartRoundAsync(CancellationToken.None);
        Assert.True(resumed.Replayed);
        Assert.Equal(queued.Entry!.SendId, resumed.Entry!.SendId);
        rig.Harness.StartWorker();
        var delivered = await rig.SettleAsync(queued.Entry.SendId);
        Assert.NotNull(delivered.DeliveredAt);

        // Crash after it was sent and delivered, still within the round: nothing more goes out.
        await rig.RestartAsync();
        rig.Harness.StartWorker();
        var after = await rig.Service.StartRoundAsync(CancellationToken.None);
        Assert.True(after.Replayed);
        Assert.Equal(queued.Entry.SendId, after.Entry!.SendId);

        Assert.Single(rig.SendCalls);
        Assert.Single(rig.Canaries());
        Assert.Equal(0, rig.Ledger.Status()!.ConsecutiveMisses);

        // The next round is a new send.
        rig.NextRound();
        await rig.RoundAsync();
        Assert.Equal(2, rig.SendCalls.Count);
    }

    private static List<JsonElement> StatusEvents(JournalStore journal) => journal.ReadAfter(0, 10_000)
        .Where(e => e.Type == JournalEventTypes.LineStatusChanged)
        .Select(e => JsonDocument.Parse(e.DataJson).RootElement)
        .ToList();
}
