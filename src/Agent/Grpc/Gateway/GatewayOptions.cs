using System.ComponentModel.DataAnnotations;
using System.Net;

namespace LineAgent.Agent.Grpc.Gateway;

/// <summary>
/// The dial-out connection to the central API's gateway (section "Gateway", lineagent.v1.LineGateway/Connect). Off
/// unless <see cref="Url"/> is set; the listening server is unaffected.
/// </summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string Section = "Gateway";

    /// <summary>The gateway, e.g. "https://gateway.example.com". https:// always, except http:// to a loopback address. Unset: no dial-out.</summary>
    public string? Url { get; set; }

    /// <summary>File holding the bearer token sent as "authorization: Bearer …" (0600). Unset: <see cref="TokenEnvironmentVariable"/>.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Environment variable that may hold the token instead. Default LINEAGENT_GATEWAY_TOKEN.</summary>
    public string TokenEnvironmentVariable { get; set; } = "LINEAGENT_GATEWAY_TOKEN";

    /// <summary>PEM CA certificate(s) the gateway's certificate must chain to (instead of the system roots).</summary>
    public string? CaPath { get; set; }

    /// <summary>PEM client certificate and key, for gateways that require mutual TLS.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The client certificate's PEM private key.</summary>
    public string? ClientKeyPath { get; set; }

    /// <summary>First reconnect delay (then doubling, jittered). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay. Default 1 min.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>LineStatus at least this often (its ttl is three times this). Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events sent ahead of the gateway's last Ack at most. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int MaxUnacked { get; set; } = 1_000;

    /// <summary>True when a gateway is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
            yield break;
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
            yield return new ValidationResult("must be an absolute https:// URL", [nameof(Url)]);
        else if (uri.Scheme == "http" && !IsLoopback(uri))
            yield return new ValidationResult("plain http:// is allowed to a loopback gateway only; use https://", [nameof(Url)]);
        if (string.IsNullOrWhiteSpace(ClientCertificatePath) != string.IsNullOrWhiteSpace(ClientKeyPath))
            yield return new ValidationResult("set both or neither", [nameof(ClientCertificatePath), nameof(ClientKeyPath)]);
        if (MinBackoff > MaxBackoff)
            yield return new ValidationResult("must not exceed MaxBackoff", [nameof(MinBackoff)]);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
