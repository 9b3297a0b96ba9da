using System.Globalization;
using System.Net;
using LineAgent.Agent.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace LineAgent.Agent.Observability;

/// <summary>Registers metrics (<see cref="LineAgentMetrics"/>, Prometheus exporter) and the console log format.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>The configuration key of the gRPC port the metrics port must not reuse.</summary>
    internal const string GrpcPortKey = "Grpc:Port";

    /// <summary>
    /// Adds <see cref="ObservabilityOptions"/> (validated at start-up), the <see cref="LineAgentMetrics"/> singleton,
    /// OpenTelemetry metrics with a Prometheus exporter, JSON console logs when output is not a terminal, and — only
    /// when Observability:MetricsEnabled — a loopback-only HTTP/1.1 Kestrel endpoint on Observability:MetricsPort.
    /// Pair with <see cref="UseObservability"/> in the request pipeline.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ObservabilityOptions>(configuration, ObservabilityOptions.Section)
            .Validate(o => !o.MetricsEnabled || o.MetricsPort.ToString(CultureInfo.InvariantCulture) != configuration[GrpcPortKey],
                $"{ObservabilityOptions.Section}:{nameof(ObservabilityOptions.MetricsPort)}: must differ from {GrpcPortKey} " +
                "(the gRPC endpoint speaks HTTP/2 only; Prometheus scrapes over HTTP/1.1)");
        services.AddMetrics();
        services.TryAddSingleton<LineAgentMetrics>();

        // Read leniently here: a malformed value is reported (with its key) by the validator at start-up.
        var section = configuration.GetSection(ObservabilityOptions.Section);
        var format = Enum.TryParse<LogFormat>(section[nameof(ObservabilityOptions.LogFormat)], ignoreCase: true, out var f) ? f : LogFormat.Auto;
        if (UseJsonConsole(format, Console.IsOutputRedirected))
            services.AddLogging(logging => logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            }));

        var path = section[nameof(ObservabilityOptions.MetricsPath)] ?? "/metrics";
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LineAgentMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeEndpointPath = path));

        if (bool.TryParse(section[nameof(ObservabilityOptions.MetricsEnabled)], out var enabled) && enabled
            && int.TryParse(section[nameof(ObservabilityOptions.MetricsPort)] ?? "9464", NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535)
        {
            // WHY a second endpoint: gRPC's endpoint is HTTP/2-only (h2c), which Prometheus cannot scrape. IPAddress.Loopback,
            // not "localhost": the metrics must never be reachable from the network.
            services.Configure<KestrelServerOptions>(kestrel =>
                kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1));
        }
        return services;
    }

    /// <summary>
    /// Serves the scrape endpoint when metrics are enabled — only on the metrics port, so the gRPC endpoint never
    /// answers /metrics. Call before mapping gRPC services.
    /// </summary>
    public static IApplicationBuilder UseObservability(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        if (!options.MetricsEnabled) return app;
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Connection.LocalPort == options.MetricsPort
                                  && context.Request.Path.Equals(options.MetricsPath, StringComparison.Ordinal),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    /// <summary>JSON for Json, text for Text, and for Auto JSON exactly when stdout is redirected (launchd log files).</summary>
    internal static bool UseJsonConsole(LogFormat format, bool outputRedirected) => format switch
    {
        LogFormat.Json => true,
        LogFormat.Text => false,
        _ => outputRedirected,
    };
}
