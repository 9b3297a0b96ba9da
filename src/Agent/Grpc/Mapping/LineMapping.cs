using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Line;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>Line status (domain) → the GetLine response.</summary>
public static class LineMapping
{
    public static Proto.Line ToProto(LineStatus status, LineConditions? conditions = null)
    {
        var line = new Proto.Line
        {
            MacosVersion = status.MacOsVersion ?? "",
            OsDescription = status.OsDescription,
            AgentVersion = status.AgentVersion,
            Health = new Proto.LineHealth
            {
                ChatDbReadable = ToProto(status.Health.ChatDbReadable),
                MessagesRunning = ToProto(status.Health.MessagesRunning),
                AutomationPermission = ToProto(status.Health.AutomationPermission),
                AccessibilityPermission = ToProto(status.Health.AccessibilityPermission),
            },
            CheckedAt = Timestamp.FromDateTimeOffset(status.CheckedAt),
        };
        line.Handles.AddRange(status.Handles);
        if (conditions is not null)
            AddConditions(line, conditions);
        line.LineId = status.LineId;
        line.DefaultCallerId = status.DefaultCallerId ?? "";
        line.Accounts.AddRange(status.Accounts.Select(a => new Proto.Account
        {
            Id = a.Id, Service = a.Service, Enabled = a.Enabled, ConnectionStatus = a.ConnectionStatus, Description = a.Description,
            SignedIn = a.IsConnected,
        }));
        // One entry per capability in enum order, even if a provider forgot one (reported as not probed).
        foreach (var capability in System.Enum.GetValues<LineCapability>())
        {
            var report = status.Capabilities.FirstOrDefault(c => c.Capability == capability)
                         ?? new CapabilityReport(capability, ProbeResult.NotProbed("not reported by the status provider"));
            line.Capabilities.Add(new Proto.CapabilityStatus
            {
                Capability = (Proto.Capability)(int)capability,
                Availability = ToAvailability(report.Result.State),
                Reason = report.Result.Reason,
            });
        }
        return line;
    }

    private static void AddConditions(Proto.Line line, LineConditions c)
    {
        line.State = c.State switch
        {
            LineState.Active => Proto.LineState.Active,
            LineState.Degraded => Proto.LineState.Degraded,
            _ => Proto.LineState.Unavailable,
        };
        line.StateReasons.AddRange(c.Reasons);
        line.Capacity = new Proto.LineCapacity
        {
            PacingEnabled = c.Capacity.PacingEnabled,
            MessagesPerSecond = c.Capacity.MessagesPerSecond,
            Burst = c.Capacity.Burst,
            NewContactsHour = ToProto(c.Capacity.NewContactsHour),
            NewContactsDay = ToProto(c.Capacity.NewContactsDay),
            OutboxDepth = c.Capacity.OutboxDepth,
            OutboxLimit = c.Capacity.OutboxLimit,
        };
        if (c.Capacity.PacingTokens is { } tokens)
            line.Capacity.PacingTokens = tokens;
        var health = new Proto.LineSendHealth
        {
            WindowSeconds = (long)c.Sends.Window.TotalSeconds,
            Sent = c.Sends.Sent,
            Delivered = c.Sends.Delivered,
            Failed = c.Sends.Failed,
            NotDelivered = c.Sends.NotDelivered,
            Unconfirmed = c.Sends.Unconfirmed,
            Misrouted = c.Sends.Misrouted,
            ScreenLocked = ToProto(ProbeResult.NotProbed("not probed: reading the lock state needs UI scripting, which the agent does not run to poll")),
            MessagesSignedIn = c.SignedIn switch
            {
                true => ToProto(ProbeResult.Available),
                false => ToProto(new ProbeResult(ProbeState.Unavailable,
                    "No enabled, connected iMessage account. Sign in under Messages › Settings › iMessage.")),
                null => ToProto(ProbeResult.NotProbed("not probed yet: Messages has not answered an accounts probe")),
            },
        };
        if (c.Sends.NotDeliveredRatio is { } ratio)
            health.NotDeliveredRatio = ratio;
        if (c.LastSentAt is { } sent)
            health.LastSentAt = Timestamp.FromDateTimeOffset(sent);
        if (c.LastDeliveredAt is { } delivered)
            health.LastDeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        if (c.FeedLag is { } lag)
            health.FeedLagSeconds = lag.TotalSeconds;
        line.SendHealth = health;
        if (c.Canary is { } canary)
            line.Canary = ToProto(canary);
    }

    private static Proto.LineCanary ToProto(CanaryStatus c)
    {
        var canary = new Proto.LineCanary
        {
            Peer = c.Peer,
            ConsecutiveMisses = c.ConsecutiveMisses,
            MissesToDegrade = c.MissesToDegrade,
            DegradedReason = c.DegradedReason ?? "",
            LastSkipReason = c.LastSkipReason ?? "",
            NextRoundAt = Timestamp.FromDateTimeOffset(c.NextRoundAt),
        };
        if (c.LastSentAt is { } sent)
            canary.LastSentAt = Timestamp.FromDateTimeOffset(sent);
        if (c.LastDeliveredAt is { } delivered)
            canary.LastDeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        if (c.LastLatency is { } latency)
            canary.LastLatencySeconds = latency.TotalSeconds;
        if (c.LastSkippedAt is { } skipped)
            canary.LastSkippedAt = Timestamp.FromDateTimeOffset(skipped);
        return canary;
    }

    private static Proto.NewContactBudget ToProto(BudgetWindow budget)
    {
        var proto = new Proto.NewContactBudget { Limit = budget.Limit, Remaining = budget.Remaining };
        if (budget.ResetsAt is { } at)
            proto.ResetsAt = Timestamp.FromDateTimeOffset(at);
        return proto;
    }

    public static Proto.Probe ToProto(ProbeResult probe) =>
        new() { Availability = ToAvailability(probe.State), Reason = probe.Reason };

    private static Proto.Availability ToAvailability(ProbeState state) => state switch
    {
        ProbeState.Available => Proto.Availability.Available,
        ProbeState.Unavailable => Proto.Availability.Unavailable,
        _ => Proto.Availability.Unknown,
    };
}
