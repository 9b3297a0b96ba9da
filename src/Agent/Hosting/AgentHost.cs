using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Grpc;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Operations.KeepAwake;
using LineAgent.Agent.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Hosting;

/// <summary>
/// Builds the agent: configuration stack (<see cref="AgentConfiguration"/>: appsettings.json, &lt;state dir&gt;/config.json,
/// LINEAGENT__ variables, command line), every component, and Kestrel
/// serving the gRPC API over HTTP/2 (loopback unless TLS is configured). `lineagent run` starts it; tests
/// start it on port 0.
/// </summary>
public static class AgentHost
{
    /// <summary>Builds (does not start) the agent.</summary>
    /// <param name="args">Command-line configuration (--Section:Key value, or the switches of <see cref="AgentConfiguration.SwitchMappings"/>).</param>
    /// <param name="configure">Runs after the default registrations (tests replace services here).</param>
    /// <exception cref="FormatException">The command line is malformed.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Args are applied by AgentConfiguration, in the agent's own order; the builder gets none.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        AgentConfiguration.Apply(builder.Configuration, args);

        // Quiet at Information: ASP.NET's per-request logs only at Warning and above.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        // The health service re-runs checks on its own timer and logs each failing one at Error; the state is
        // already visible through grpc.health.v1 and GetLine, and the change feed logs why chat.db is unreadable.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);

        // While the host starts, a failure it cannot survive (bad value, port in use) propagates to the caller, which
        // prints it once (RunCommand); the host's and Kestrel's own Error/Critical entries with traces would repeat it.
        var starting = new StartupPhase();
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && !(starting.Active && level >= LogLevel.Error));
        builder.Logging.AddFilter(KestrelCategory, level => level >= LogLevel.Warning && !(starting.Active && level >= LogLevel.Error));

        AddServices(builder.Services, builder.Configuration);

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseObservability();
        app.MapLineAgentGrpc();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            starting.Active = false;
            LogListening(app);
        });
        return app;
    }

    /// <summary>
    /// Every component of the agent, each binding and validating its own options section (one registration,
    /// <see cref="ConfigurationValidation.AddValidatedOptions{T}"/>). `doctor` and `watch` validate through it too.
    /// </summary>
    public static IServiceCollection AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAgentOptions(configuration);
        services.AddHostedService<StateDirectoryGuard>(); // first: before anything reads or serves the state
        services.AddJournal(configuration);
        services.AddChangeFeed(configuration);
        services.AddSending(configuration);
        services.AddLineAgentGrpc(configuration);
        services.AddObservability(configuration);
        services.AddHostedService<JournalMetricsRecorder>();
        services.AddHostedService<PermissionHealthRecorder>();
        services.AddKeepAwake(configuration);
        return services;
    }

    /// <summary>
    /// Validates <paramref name="configuration"/> exactly as `run` does at start (every registered section: values and
    /// unknown keys) without building or starting anything. Returns one operator-facing line, or null when valid.
    /// </summary>
    public static string? ConfigurationProblem(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        AddServices(services, configuration);
        using var provider = services.BuildServiceProvider();
        return ConfigurationProblem(provider);
    }

    /// <summary>Runs the start-up validation of a built host's services; one line, or null when valid.</summary>
    public static string? ConfigurationProblem(IServiceProvider services)
    {
        // Unknown keys first and apart: the start-up validator stops at the first value the binder cannot convert.
        var problems = new List<string>();
        foreach (var check in new Action[]
                 {
                     () => _ = services.GetRequiredService<IOptions<RegisteredSections>>().Value,
                     () => services.GetRequiredService<IStartupValidator>().Validate(),
                 })
        {
            try
            {
                check();
            }
            catch (Exception ex) when (ConfigurationValidation.Describe(ex) is { } problem)
            {
                problems.Add(problem[ConfigurationValidation.Prefix.Length..]);
            }
        }
        return problems.Count == 0 ? null : ConfigurationValidation.Prefix + string.Join("; ", problems.Distinct());
    }

    private const string HostCategory = "Microsoft.Extensions.Hosting";
    private const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    private sealed class StartupPhase
    {
        public volatile bool Active = true;
    }

    /// <summary>The address the API listens on once started (e.g. "http://127.0.0.1:40123").</summary>
    public static string ListeningAddress(WebApplication app)
    {
        // With metrics enabled Kestrel also listens on the (HTTP/1.1) metrics port: that is not the API.
        var metrics = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.FirstOrDefault(a => !metrics.MetricsEnabled || new Uri(a).Port != metrics.MetricsPort)
            ?? throw new InvalidOperationException("The agent is not listening yet.");
    }

    private static void LogListening(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GrpcOptions>>().Value;
        HostingLog.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LineAgent.Agent.Hosting"),
            ListeningAddress(app), options.TlsEnabled, !string.IsNullOrWhiteSpace(options.ClientCaPath));
    }
}
