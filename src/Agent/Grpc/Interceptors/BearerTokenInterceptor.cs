using Grpc.Core;
using Grpc.Core.Interceptors;
using LineAgent.Agent.Grpc.Auth;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Grpc.Interceptors;

/// <summary>
/// Requires "authorization: Bearer &lt;token&gt;" on every call except the gRPC health service (load balancers
/// and launchd checks probe it without credentials). A wrong or missing token gets UNAUTHENTICATED with the
/// same fixed message either way; the presented value is never logged.
/// </summary>
public sealed class BearerTokenInterceptor(ApiToken token, ILogger<BearerTokenInterceptor> logger) : Interceptor
{
    /// <summary>Methods under this prefix need no token.</summary>
    public const string HealthServicePrefix = "/grpc.health.v1.Health/";

    private const string Scheme = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (context.Method.StartsWith(HealthServicePrefix, StringComparison.Ordinal))
            return;
        var header = context.RequestHeaders.GetValue("authorization");
        string? presented = null;
        if (header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            presented = header[Scheme.Length..].Trim();
        if (token.Matches(presented))
            return;
        GrpcLog.Unauthenticated(logger, context.Method, context.Peer, header is null ? "missing" : "invalid");
        throw new RpcException(new Status(StatusCode.Unauthenticated, "A valid bearer token is required."));
    }
}
