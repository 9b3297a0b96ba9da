using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Observability;

/// <summary>Metrics endpoint and log format. Bound from the "Observability" section.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>
    /// Serve Prometheus metrics at http://127.0.0.1:<see cref="MetricsPort"/><see cref="MetricsPath"/>.
    /// Default: false (nothing listens beyond the gRPC endpoint).
    /// </summary>
    public bool MetricsEnabled { get; set; }

    /// <summary>
    /// Loopback-only HTTP/1.1 port for the scrape endpoint; must differ from the gRPC port (that endpoint is HTTP/2
    /// only, Prometheus scrapes over HTTP/1.1). Default: 9464 (the OpenTelemetry Prometheus exporter's usual port).
    /// </summary>
    [Range(1, 65535)]
    public int MetricsPort { get; set; } = 9464;

    /// <summary>Path of the scrape endpoint. Default: /metrics.</summary>
    [Required, RegularExpression("^/[A-Za-z0-9/_.-]*$", ErrorMessage = "must be a path starting with '/'")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// How often the permission gauges are refreshed from the line's health probes while metrics are enabled
    /// (each refresh runs the same probes as GetLine: a few osascript calls on macOS). Default: 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan PermissionProbeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Console log format. Auto (default): JSON lines when stdout is not a terminal (launchd's log files),
    /// human-readable text in a terminal.
    /// </summary>
    [EnumDataType(typeof(LogFormat))]
    public LogFormat LogFormat { get; set; } = LogFormat.Auto;
}

/// <summary>How console logs are written.</summary>
public enum LogFormat
{
    /// <summary>JSON when output is redirected (launchd, pipes), text in a terminal.</summary>
    Auto,
    /// <summary>One JSON object per line, UTC timestamps.</summary>
    Json,
    /// <summary>The default human-readable console format.</summary>
    Text,
}
