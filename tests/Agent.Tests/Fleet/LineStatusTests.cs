using System.Text.Json;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Events;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Line;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Outbox.Status;
using LineAgent.Agent.Pacing;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Fleet;

/// <summary>Issue 13 §2: health and capacity in GetLine, and line.status_changed once per threshold crossing.</summary>
public sealed class LineStatusTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MessageSend Text(string to) => new() { To = to, Parts = [new OutboundPart(OutboundPartKind.Text, "hi")] };

    private sealed class Rig : IDisposable
    {
        public Rig(TempDirectory dir)
        {
            using (FakeChatDatabase.Create(dir.File("chat.db"), SchemaVariant.Sequoia)) { }
            Time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
            Journal = new JournalStore(dir.File("journal.db"), new JournalOptions(), Time, NullLogger<JournalStore>.Instance);
            Store = new OutboxStore(Journal, Time);
            ChatDb = new ChatDbSource(dir.File("chat.db"));
            var agent = Options.Create(new AgentOptions { StateDirectory = dir.File("state"), ChatDbPath = dir.File("chat.db"), LineId = "line-under-test" });
            var pacing = Options.Create(Pacing);
            var source = new LineConditionsSource(Store, new SendPacer(pacing, Time), Feed, ChatDb, Options.Create(Health), pacing,
                Options.Create(Outbox), Time);
            Monitor = new LineStatusMonitor(source, new LineIdSource(agent), Journal, Options.Create(Health), Time, NullLogger<LineStatusMonitor>.Instance);
        }

        public FakeTimeProvider Time { get; }
        public JournalStore Journal { get; }
        public OutboxStore Store { get; }
        public ChatDbSource ChatDb { get; }
        public FeedProgress Feed { get; } = new();
        public PacingOptions Pacing { get; } = new() { NewContactsPerHour = 2, NewContactsPerDay = 3 };
        public OutboxOptions Outbox { get; } = new() { MaxQueuedSends = 4 };
        public HealthOptions Health { get; } = new()
        {
            MinimumSends = 2, NotDeliveredRatioDegraded = 0.5, OutboxDegradedFraction = 0.5, FeedLagDegraded = TimeSpan.FromMinutes(1),
            HeartbeatInterval = TimeSpan.FromMinutes(5),
        };
        public LineStatusMonitor Monitor { get; }

        /// <summary>(trigger, state, reasons) of every line.status_changed so far.</summary>
        public List<(string Trigger, string State, string Reasons)> Events() => Journal.ReadAfter(0, 10_000)
            .Where(e => e.Type == JournalEventTypes.LineStatusChanged)
            .Select(e =>
            {
                using var doc = JsonDocument.Parse(e.DataJson);
                var root = doc.RootElement;
                return (root.GetProperty("trigger").GetString()!, root.GetProperty("state").GetString()!,
                    string.Join(",", root.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())));
            }).ToList();

        public void Dispose()
        {
            ChatDb.Dispose();
            Journal.Dispose();
        }
    }

    [Fact]
    public void EveryThresholdCrossing_EmitsOneEvent_AndTheHeartbeatComesWhenNothingChanges()
    {
        using var rig = new Rig(_dir);
        rig.Feed.CaughtUp(rig.Time.GetUtcNow());
        Assert.True(rig.Monitor.Evaluate());
        Assert.False(rig.Monitor.Evaluate());                        // nothing changed: nothing journaled

        // The feed stops catching up for longer than Health:FeedLagDegraded, then recovers.
        rig.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(rig.Monitor.Evaluate());
        Assert.False(rig.Monitor.Evaluate());
        rig.Feed.CaughtUp(rig.Time.GetUtcNow());
        Assert.True(rig.Monitor.Evaluate());

        // Two new contacts spend the hourly budget (2) and fill the outbox to half its limit (2 of 4).
        rig.Store.Accept("a", Text("+15557770001"), ["+15557770001"], rig.Outbox, rig.Pacing);
        rig.Store.Accept("b", Text("+15557770002"), ["+15557770002"], rig.Outbox, rig.Pacing);
        Assert.True(rig.Monitor.Evaluate());
        Assert.False(rig.Monitor.Evaluate());
        // Two more (known contacts) fill it: unavailable.
        rig.Store.Accept("c", Text("+15557770003"), [], rig.Outbox, rig.Pacing);
        rig.Store.Accept("d", Text("+15557770004"), [], rig.Outbox, rig.Pacing);
        Assert.True(rig.Monitor.Evaluate());

        // All four end not delivered: the outbox empties, the ratio crosses its threshold.
        foreach (var key in new[] { "a", "b", "c", "d" })
            rig.Store.Save(rig.Store.FindByKey(key)! with { State = SendState.Failed, FailureCode = SendFailureCode.NotDelivered }, journalState: true);
        Assert.True(rig.Monitor.Evaluate());
        Assert.False(rig.Monitor.Evaluate());

        // An hour later the hourly budget is back; the ratio still counts (24 h window). Then only the heartbeat.
        rig.Time.Advance(TimeSpan.FromMinutes(61));
        rig.Feed.CaughtUp(rig.Time.GetUtcNow());
        Assert.True(rig.Monitor.Evaluate());
        rig.Time.Advance(TimeSpan.FromMinutes(4));
        rig.Feed.CaughtUp(rig.Time.GetUtcNow());
        Assert.False(rig.Monitor.Evaluate());
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        rig.Feed.CaughtUp(rig.Time.GetUtcNow());
        Assert.True(rig.Monitor.Evaluate());

        Assert.Equal(
        [
            ("started", "active", ""),
            ("changed", "degraded", "feed_lagging"),
            ("changed", "active", ""),
            ("changed", "degraded", "new_contacts_hour_exhausted,outbox_nearly_full"),
            ("changed", "unavailable", "new_contacts_hour_exhausted,outbox_full"),
            ("changed", "degraded", "new_contacts_hour_exhausted,not_delivered_ratio_high"),
            ("changed", "degraded", "not_delivered_ratio_high"),
            ("heartbeat", "degraded", "not_delivered_ratio_high"),
        ], rig.Events());
    }

    [Fact]
    public void Payload_CarriesCapacityHealthAndTheNextDeadline()
    {
        using var rig = new Rig(_dir);
        rig.Store.Accept("a", Text("+15557770001"), ["+15557770001"], rig.Outbox, rig.Pacing);
        rig.Monitor.Evaluate();

        var e = Assert.Single(rig.Journal.ReadAfter(0, 100), x => x.Type == JournalEventTypes.LineStatusChanged);
        using var doc = JsonDocument.Parse(e.DataJson);
        var root = doc.RootElement;
        Assert.Equal("line-under-test", root.GetProperty("line_id").GetString());
        Assert.Equal(rig.Time.GetUtcNow() + TimeSpan.FromMinutes(5), root.GetProperty("next_by").GetDateTimeOffset());
        var capacity = root.GetProperty("capacity");
        Assert.Equal(1, capacity.GetProperty("new_contacts_hour_remaining").GetInt32());
        Assert.Equal(2, capacity.GetProperty("new_contacts_day_remaining").GetInt32());
        Assert.Equal(rig.Time.GetUtcNow() + TimeSpan.FromHours(1), capacity.GetProperty("new_contacts_hour_resets_at").GetDateTimeOffset());
        Assert.Equal(1, capacity.GetProperty("outbox_depth").GetInt64());
        Assert.Equal(4, capacity.GetProperty("outbox_limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("health").GetProperty("not_delivered_ratio").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("health").GetProperty("screen_locked").ValueKind);
    }

    [Fact]
    public async Task GetLine_ReportsStateCapacityAndSendHealth()
    {
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia)) { }
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Pacing:NewContactsPerDay", "7", "--Outbox:MaxQueuedSends", "9"]);
        var line = await server.Client.GetLineAsync(new Proto.GetLineRequest());

        Assert.Equal(7, line.Capacity.NewContactsDay.Limit);
        Assert.Equal(7, line.Capacity.NewContactsDay.Remaining);
        Assert.Null(line.Capacity.NewContactsDay.ResetsAt);
        Assert.Equal(9, line.Capacity.OutboxLimit);
        Assert.Equal(0, line.Capacity.OutboxDepth);
        Assert.True(line.Capacity.HasPacingTokens);
        Assert.Equal(86_400, line.SendHealth.WindowSeconds);
        Assert.False(line.SendHealth.HasNotDeliveredRatio);
        Assert.Equal(Proto.Availability.Unknown, line.SendHealth.ScreenLocked.Availability);
        // No osascript here: Messages' probes are unknown, which neither degrades nor blocks the line on its own.
        Assert.Equal(Proto.LineState.Active, line.State);
        Assert.Empty(line.StateReasons);
    }

    [Fact]
    public async Task TheAgent_JournalsItsStatusAtStart_WithItsLineId()
    {
        using (FakeChatDatabase.Create(AgentTestServer.ChatDbPath(_dir), SchemaVariant.Sequoia)) { }
        await using var server = await AgentTestServer.StartAsync(_dir, ["--Health:StatusEvents", "true", "--Agent:LineId", "started-line"]);
        var e = await Eventually.UntilAsync(() => server.Journal.ReadAfter(0, 100).FirstOrDefault(x => x.Type == JournalEventTypes.LineStatusChanged),
            x => x is not null, "line.status_changed", TimeSpan.FromSeconds(20));
        Assert.Contains("\"line_id\":\"started-line\"", e!.DataJson);
        Assert.Contains("\"trigger\":\"started\"", e.DataJson);
    }
}
