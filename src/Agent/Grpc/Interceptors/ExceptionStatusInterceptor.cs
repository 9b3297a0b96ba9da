using Grpc.Core;
using Grpc.Core.Interceptors;
using LineAgent.Agent.Grpc.Errors;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Grpc.Interceptors;

/// <summary>
/// Turns exceptions escaping a handler into consistent statuses: <see cref="ApiException"/> subclasses and the
/// components' domain exceptions (<see cref="DomainExceptionMapper"/>) into their code and message (plus trailers
/// such as retry-after); a cancelled call into CANCELLED; anything
/// else into INTERNAL with an error id the operator can find in the log (the exception text stays in the
/// log: it may name paths or SQL).
/// </summary>
public sealed class ExceptionStatusInterceptor(ILogger<ExceptionStatusInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(request, context); }
        catch (Exception ex) when (ex is not RpcException) { throw Map(ex, context); }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { return await continuation(requestStream, context); }
        catch (Exception ex) when (ex is not RpcException) { throw Map(ex, context); }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(request, responseStream, context); }
        catch (Exception ex) when (ex is not RpcException) { throw Map(ex, context); }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try { await continuation(requestStream, responseStream, context); }
        catch (Exception ex) when (ex is not RpcException) { throw Map(ex, context); }
    }

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        switch (DomainExceptionMapper.TryMap(ex) ?? ex)
        {
            case ApiException api:
                var trailers = new Metadata();
                api.AddTrailers(trailers);
                GrpcLog.CallFailed(logger, context.Method, api.Code, api.Message);
                return new RpcException(new Status(api.Code, api.Message), trailers, api.Message);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
            // A client that goes away mid-stream (Ctrl-C on grpcurl/buf curl, even during reflection) surfaces as
            // "The request stream was aborted": a disconnect, not an agent fault worth an error-level log.
            case IOException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            default:
                var mapped = KnownExceptionMapper.TryMap(ex);
                if (mapped is not null)
                {
                    GrpcLog.CallFailed(logger, context.Method, mapped.Value.Code, mapped.Value.Message);
                    return new RpcException(new Status(mapped.Value.Code, mapped.Value.Message));
                }
                var errorId = Guid.NewGuid().ToString("N")[..12];
                GrpcLog.UnhandledException(logger, ex, context.Method, errorId);
                return new RpcException(new Status(StatusCode.Internal, $"Internal error in the agent (error id {errorId}; details in the agent log)."));
        }
    }
}
