using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>The agent's gRPC endpoint answers grpc.health.v1.Health/Check with SERVING.</summary>
public sealed class GrpcEndpointCheck : DoctorCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public override string Id => "grpc";
    public override string Title => "gRPC endpoint answering";

    public override async Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        var address = context.GrpcAddress;
        var handler = new SocketsHttpHandler { ConnectTimeout = Deadline };
        // Doctor only asks "is it alive": it accepts the agent's (often self-signed) certificate, and only on loopback.
        if (address.Scheme == Uri.UriSchemeHttps && address.IsLoopback)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        var headers = new Metadata();
        if (context.GrpcToken is { Length: > 0 } token) headers.Add("authorization", $"Bearer {token}");
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), headers,
                DateTime.UtcNow.Add(Deadline), cancellationToken);
            return reply.Status switch
            {
                HealthCheckResponse.Types.ServingStatus.Serving => Pass($"{address} SERVING"),
                // UNKNOWN: the agent answers but has not published a health result yet (start-up).
                HealthCheckResponse.Types.ServingStatus.Unknown => Warn($"{address} answers, health not known yet", "run lineagent doctor again in a minute"),
                _ => Fail($"{address} answers but reports {reply.Status}", "read the logs: lineagent logs"),
            };
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unauthenticated)
        {
            return Fail($"{address} refused the token ({ex.Status.Detail})",
                "point Grpc:TokenFile (or LINEAGENT_GRPC_TOKEN) at the token the agent uses; lineagent init prints the path");
        }
        catch (RpcException ex)
        {
            var how = context.IsMacOS ? $"lineagent status; lineagent logs; launchctl kickstart -k gui/{context.Uid}/{context.LaunchAgent.Label}"
                                      : "start it: lineagent run, or lineagent install (the sandbox listens on its own port, 50051, and is not what doctor checks)";
            return Fail($"{address} not answering: {ex.StatusCode} {ex.Status.Detail}", how);
        }
    }
}
