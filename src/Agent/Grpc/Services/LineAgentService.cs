using Grpc.Core;
using LineAgent.Agent.Attachments;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Grpc.History;
using LineAgent.Agent.Grpc.Mapping;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Agent.Line;
using LineAgent.Agent.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Grpc.Services;

/// <summary>
/// The lineagent.v1.LineAgent service: maps between proto and the components that do the work. Split by
/// concern into partial files (Events, History, Attachments, Send); plumbing (auth, status mapping) lives
/// in the interceptors.
/// </summary>
// The binding is ours, not the generated one's, so that malformed requests are INVALID_ARGUMENT (StrictRequestBinder).
[BindServiceMethod(typeof(LineAgentService), nameof(BindService))]
public sealed partial class LineAgentService(
    ILineStatusProvider lineStatus,
    SendPipeline sends,
    SendRequestValidator sendValidator,
    AttachmentStore uploads,
    ReceivedAttachmentPaths receivedPaths,
    IReceivedAttachmentSource receivedAttachments,
    IJournalReader journal,
    EventStreamLimiter streamLimiter,
    MappedEventCache mappedEvents,
    ChatDbSource chatDb,
    IOptions<GrpcOptions> grpcOptions,
    IOptions<AttachmentOptions> attachmentOptions,
    TimeProvider time,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime,
    ILogger<LineAgentService> logger,
    Outbox.Status.LineConditionsSource? conditions = null,
    Outbox.HandleReach? handleReach = null,
    Line.Certification.CertificationStore? certifications = null) : Proto.LineAgent.LineAgentBase
{
    /// <summary>The service's descriptor (server reflection finds it here, next to the bind method).</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => Proto.LineAgent.Descriptor;

    /// <summary>Binds the generated methods with strict request marshallers.</summary>
    public static void BindService(ServiceBinderBase binder, Proto.LineAgent.LineAgentBase? service) =>
        Proto.LineAgent.BindService(new Interceptors.StrictRequestBinder(binder), service!);

    public override async Task<Proto.Line> GetLine(Proto.GetLineRequest request, ServerCallContext context)
    {
        var status = await lineStatus.GetStatusAsync(context.CancellationToken);
        // Health and capacity from what the agent knows, with the probes GetLine just ran.
        return LineMapping.ToProto(status, conditions?.Compute(status.Health), CertificationOf(status));
    }
}
