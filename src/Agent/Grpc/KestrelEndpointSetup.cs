using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Grpc;

/// <summary>
/// The one Kestrel endpoint: <see cref="GrpcOptions.ListenAddress"/>:<see cref="GrpcOptions.Port"/>, HTTP/2 only
/// (without TLS there is no ALPN, and Kestrel's default Http1AndHttp2 silently serves HTTP/1.1 only, which
/// gRPC clients cannot use), with TLS and client certificates when configured. Kestrel's own "Kestrel"
/// configuration section is ignored so no other endpoint can bypass <see cref="GrpcOptionsValidator"/>.
/// </summary>
public sealed class KestrelEndpointSetup(IOptions<GrpcOptions> grpcOptions) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var options = grpcOptions.Value; // validated: throws OptionsValidationException with the reasons
        kestrel.Configure(new ConfigurationBuilder().Build(), reloadOnChange: false);
        kestrel.AddServerHeader = false;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 256;

        GrpcOptionsValidator.TryParseListenAddress(options.ListenAddress, out var address);
        kestrel.Listen(address, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (options.TlsEnabled)
                listen.UseHttps(https => ConfigureTls(https, options));
        });
    }

    private static void ConfigureTls(HttpsConnectionAdapterOptions https, GrpcOptions options)
    {
        https.ServerCertificate = X509Certificate2.CreateFromPemFile(options.TlsCertificatePath!, options.TlsKeyPath);
        if (string.IsNullOrWhiteSpace(options.ClientCaPath))
            return;

        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(options.ClientCaPath);
        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => IsAcceptableClientCertificate(certificate, authorities);
    }

    /// <summary>The TLS client authentication purpose (id-kp-clientAuth, RFC 5280 §4.2.1.12).</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>
    /// A client certificate is accepted when it chains to one of <paramref name="authorities"/> AND states the
    /// clientAuth extended key usage itself. A certificate without an EKU extension would otherwise pass as
    /// "valid for every purpose": a CA that also issues server or code-signing certificates must not thereby
    /// hand out API access.
    /// </summary>
    public static bool IsAcceptableClientCertificate(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || !eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == ClientAuthOid))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Also holds intermediates to the purpose: one whose own EKU excludes clientAuth breaks the chain.
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthOid));
        return chain.Build(certificate);
    }

    /// <summary>The address callers should use, for logs (e.g. "http://127.0.0.1:50551").</summary>
    public static string Describe(GrpcOptions options, int port)
    {
        var host = options.ListenAddress;
        if (GrpcOptionsValidator.TryParseListenAddress(options.ListenAddress, out var ip) && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        return $"{(options.TlsEnabled ? "https" : "http")}://{host}:{port}";
    }
}
