using Grpc.Core;

namespace LineAgent.Agent.Grpc.Gateway;

/// <summary>
/// The call context a gateway command runs under: the same service methods as the listening API, with the stream's
/// cancellation and no HTTP request behind it (the gateway authenticated the agent, not the other way round).
/// </summary>
internal sealed class GatewayCallContext(string method, CancellationToken cancellationToken) : ServerCallContext
{
    private readonly Metadata _requestHeaders = [];
    private readonly Metadata _responseTrailers = [];
    private readonly Dictionary<object, object> _userState = [];

    protected override string MethodCore => method;
    protected override string HostCore => "gateway";
    protected override string PeerCore => "gateway";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore => _requestHeaders;
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override Metadata ResponseTrailersCore => _responseTrailers;
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);
    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("Gateway commands do not propagate calls.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
