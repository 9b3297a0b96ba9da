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
        https.ClientCertificateValidation = (certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(certificate);
        };
    }

    /// <summary>The address callers should use, for logs (e.g. "http://127.0.0.1:50551").</summary>
    public static string Describe(GrpcOptions options, int port) =>
        $"{(options.TlsEnabled ? "https" : "http")}://{(IPAddress.TryParse(options.ListenAddress, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : options.ListenAddress)}:{port}";
}
