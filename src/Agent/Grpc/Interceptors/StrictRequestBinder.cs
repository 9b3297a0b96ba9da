using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LineAgent.Agent.Grpc.Interceptors;

/// <summary>
/// Binds a generated service with request marshallers that turn a message the parser rejects (truncated or
/// malformed protobuf, invalid UTF-8 in a string field) into INVALID_ARGUMENT. grpc-dotnet reads a unary or
/// server-streaming request before any interceptor runs, so without this such a request, from any caller (the
/// token is checked only after), answered UNKNOWN "Exception was thrown by handler." and logged an error with a
/// stack trace per call. Each refusal is reported to <see cref="MalformedRequestLog"/>, which logs them rate-limited.
/// </summary>
public sealed class StrictRequestBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Strict(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Strict(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Strict(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Strict(method), handler);

    /// <summary>The same method with a request deserializer that fails with INVALID_ARGUMENT.</summary>
    public static Method<TRequest, TResponse> Strict<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var requests = method.RequestMarshaller;
        var deserialize = requests.ContextualDeserializer;
        var strict = Marshallers.Create(requests.ContextualSerializer, context =>
        {
            try
            {
                return deserialize(context);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or System.Text.DecoderFallbackException)
            {
                var reason = ex is System.Text.DecoderFallbackException ? "a string field is not valid UTF-8" : ex.Message;
                Report(method.FullName, reason);
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"The request is not a valid {typeof(TRequest).Name} protobuf message: {reason}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, strict, method.ResponseMarshaller);
    }

    private static void Report(string method, string reason)
    {
        // Marshallers are created once, outside any request; the call's services are reached through the
        // request's HttpContext (IHttpContextAccessor is registered by AddLineAgentGrpc).
        var services = new HttpContextAccessor().HttpContext?.RequestServices;
        services?.GetService<MalformedRequestLog>()?.Refused(method, reason);
    }
}
