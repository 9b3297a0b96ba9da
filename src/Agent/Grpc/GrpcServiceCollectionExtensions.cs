using Grpc.AspNetCore.Server;
using LineAgent.Agent.Attachments;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Grpc.Auth;
using LineAgent.Agent.Grpc.Events;
using LineAgent.Agent.Grpc.History;
using LineAgent.Agent.Grpc.Interceptors;
using LineAgent.Agent.Grpc.Services;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Line;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Grpc;

/// <summary>Registers and maps the gRPC API (service, interceptors, health, reflection, Kestrel endpoint).</summary>
public static class GrpcServiceCollectionExtensions
{
    /// <summary>Health service name that covers the line's own checks (chat.db readable); "" = the agent is up.</summary>
    public const string LineHealthService = "lineagent.v1.LineAgent";

    /// <summary>Adds the API: options ("Grpc", "Attachments"), interceptors, the default line status provider. The send RPCs need the outbox (AddSending).</summary>
    public static IServiceCollection AddLineAgentGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GrpcOptions>(configuration, GrpcOptions.Section);
        services.AddSingleton<IValidateOptions<GrpcOptions>, GrpcOptionsValidator>();
        services.AddValidatedOptions<AttachmentOptions>(configuration, AttachmentOptions.Section);
        services.AddValidatedOptions<Gateway.GatewayOptions>(configuration, Gateway.GatewayOptions.Section);
        services.TryAddSingleton<Gateway.GatewayCommands>();
        services.TryAddSingleton<Gateway.GatewayClient>();
        services.AddHostedService(sp => sp.GetRequiredService<Gateway.GatewayClient>());
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelEndpointSetup>();

        services.AddSingleton(sp => ApiTokenLoader.Load(
            sp.GetRequiredService<IOptions<GrpcOptions>>().Value,
            sp.GetRequiredService<IOptions<AgentOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("LineAgent.Agent.Hosting.ApiToken")));
        // Resolve the token while the pipeline is built, before Kestrel listens: a bad token file stops the start.
        services.AddTransient<IStartupFilter, ApiTokenStartupCheck>();

        services.AddGrpc(o =>
        {
            o.Interceptors.Add<BearerTokenInterceptor>();
            o.Interceptors.Add<ExceptionStatusInterceptor>();
            o.EnableDetailedErrors = false;
        });
        services.AddSingleton<IConfigureOptions<GrpcServiceOptions>, GrpcMessageLimitsSetup>();
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(o =>
            {
                o.Services.Clear();
                o.Services.Map("", c => c.Tags.Contains("live"));
                o.Services.Map(LineHealthService, _ => true);
            })
            .AddCheck("agent", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<ChatDbHealthCheck>("chat.db");

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILineStatusProvider, DefaultLineStatusProvider>();
        services.TryAddSingleton<LineIdSource>();
        services.TryAddSingleton<LineIdentitySource>();
        services.TryAddSingleton<SendRequestValidator>();
        services.TryAddSingleton<AttachmentStore>();
        services.TryAddSingleton<IUploadsInUse, NoUploadsInUse>();
        services.AddHostedService<UploadJanitor>();
        services.TryAddSingleton<ReceivedAttachmentPaths>();
        services.TryAddSingleton<IReceivedAttachmentSource, ChatDbReceivedAttachments>();
        services.TryAddSingleton<IJournalReader, JournalStoreReader>();
        services.TryAddSingleton<EventStreamLimiter>();
        services.TryAddSingleton<MappedEventCache>();
        services.TryAddSingleton<IJournalEventEncoder, StreamEventEncoder>();
        services.TryAddSingleton<MalformedRequestLog>();
        services.AddHttpContextAccessor();
        services.AddChatDbSource();
        return services;
    }

    /// <summary>Maps the LineAgent service, gRPC health and server reflection.</summary>
    public static IEndpointRouteBuilder MapLineAgentGrpc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<LineAgentService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }

    private sealed class GrpcMessageLimitsSetup(IOptions<GrpcOptions> grpc) : IConfigureOptions<GrpcServiceOptions>
    {
        public void Configure(GrpcServiceOptions options)
        {
            options.MaxReceiveMessageSize = grpc.Value.MaxReceiveMessageBytes;
            options.MaxSendMessageSize = grpc.Value.MaxSendMessageBytes;
        }
    }

    private sealed class ApiTokenStartupCheck(ApiToken token) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            _ = token; // resolving it is the check
            return next;
        }
    }

    private sealed class ChatDbHealthCheck(ChatDbSource chatDb) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            // The health service answers without a token: report the state, never the path or the reason.
            return Task.FromResult(chatDb.CheckReadable().IsReadable ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy());
        }
    }
}
