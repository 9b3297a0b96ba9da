using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.Grpc;

/// <summary>
/// How the gRPC API listens and who may call it. Bound from the "Grpc" section
/// (appsettings.json, &lt;state dir&gt;/config.json, LINEAGENT__Grpc__… variables, command line).
/// </summary>
/// <remarks>
/// The API binds 127.0.0.1 by default. Any other address needs TLS (<see cref="TlsCertificatePath"/>
/// and <see cref="TlsKeyPath"/>); the bearer token is always required. The agent refuses to start
/// otherwise: a Mac signed in to an Apple ID must not be an open door.
/// </remarks>
public sealed class GrpcOptions
{
    public const string Section = "Grpc";

    /// <summary>IP address to listen on, or "localhost". Default: 127.0.0.1.</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free port (tests). Default: 50551.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 50551;

    /// <summary>
    /// File holding the bearer token (mode 0600, owner only). Default: &lt;state dir&gt;/grpc.token, created
    /// with a random token on first start when neither it nor <see cref="TokenEnvironmentVariable"/> exists.
    /// </summary>
    public string? TokenFile { get; set; }

    /// <summary>Environment variable that may hold the token instead of the file. Default: LINEAGENT_GRPC_TOKEN.</summary>
    [Required]
    public string TokenEnvironmentVariable { get; set; } = "LINEAGENT_GRPC_TOKEN";

    /// <summary>PEM server certificate for TLS. Default: none (plain HTTP/2, loopback only).</summary>
    public string? TlsCertificatePath { get; set; }

    /// <summary>PEM private key of <see cref="TlsCertificatePath"/>. Default: none.</summary>
    public string? TlsKeyPath { get; set; }

    /// <summary>
    /// PEM CA certificate(s) that client certificates must chain to. When set, TLS requires a client
    /// certificate (mutual TLS). Default: none.
    /// </summary>
    public string? ClientCaPath { get; set; }

    /// <summary>Largest request message accepted, in bytes (upload chunks included). Default: 4 MiB.</summary>
    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int MaxReceiveMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent, in bytes. Default: 4 MiB.</summary>
    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int MaxSendMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Concurrent StreamEvents calls; one more gets RESOURCE_EXHAUSTED. Default: 64.</summary>
    [Range(1, 10_000)]
    public int MaxEventStreams { get; set; } = 64;

    /// <summary>
    /// Events read from the journal per page while streaming; a stream holds at most one page, so this bounds its
    /// memory (about 1 KB per message event). Default: 1,000.
    /// </summary>
    [Range(1, 10_000)]
    public int EventPageSize { get; set; } = 1_000;

    /// <summary>True when TLS is configured.</summary>
    public bool TlsEnabled => !string.IsNullOrWhiteSpace(TlsCertificatePath);
}
