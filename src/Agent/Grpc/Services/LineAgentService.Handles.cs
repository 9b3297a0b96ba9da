using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Agent.Outbox;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

// CheckHandle: chat.db's 1:1 history about a handle (HandleReach), before sending to it.
public sealed partial class LineAgentService
{
    public override Task<Proto.HandleCheck> CheckHandle(Proto.CheckHandleRequest request, ServerCallContext context)
    {
        Fields.Handle(request.Handle, "handle");
        var report = handleReach?.Check(request.Handle)
            ?? throw new InvalidOperationException("CheckHandle needs the send pipeline (AddSending).");
        var h = report.History;
        var check = new Proto.HandleCheck
        {
            Handle = request.Handle,
            Reach = report.Verdict switch
            {
                HandleVerdict.KnownIMessage => Proto.HandleReach.KnownImessage,
                HandleVerdict.KnownFailing => Proto.HandleReach.KnownFailing,
                _ => Proto.HandleReach.Unknown,
            },
            DeliveredCount = h.DeliveredCount,
            FailedCount = h.FailedCount,
            LastFailedError = h.LastFailedError ?? 0,
            ReceivedImessageCount = h.ReceivedIMessageCount,
        };
        if (h.LastDeliveredAt is { } delivered)
            check.LastDeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        if (h.LastFailedAt is { } failed)
            check.LastFailedAt = Timestamp.FromDateTimeOffset(failed);
        if (h.LastReceivedIMessageAt is { } received)
            check.LastReceivedImessageAt = Timestamp.FromDateTimeOffset(received);
        return Task.FromResult(check);
    }
}
