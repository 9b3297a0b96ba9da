using Google.Protobuf.WellKnownTypes;
using LineAgent.Agent.Line;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Mapping;

/// <summary>Line status (domain) → the GetLine response.</summary>
public static class LineMapping
{
    public static Proto.Line ToProto(LineStatus status)
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

    public static Proto.Probe ToProto(ProbeResult probe) =>
        new() { Availability = ToAvailability(probe.State), Reason = probe.Reason };

    private static Proto.Availability ToAvailability(ProbeState state) => state switch
    {
        ProbeState.Available => Proto.Availability.Available,
        ProbeState.Unavailable => Proto.Availability.Unavailable,
        _ => Proto.Availability.Unknown,
    };
}
