using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>A throwaway CA and the certificates it issues, for TLS tests over loopback.</summary>
public static class TestCertificates
{
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 SelfSignedCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>
    /// A certificate issued by <paramref name="ca"/>: for server auth it names 127.0.0.1 (or <paramref name="dnsName"/>
    /// instead) in its SAN; for client auth it names no host.
    /// </summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool serverAuth, bool withEku = true, string? dnsName = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        if (withEku)
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serverAuth ? ServerAuthOid : ClientAuthOid)], false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            if (dnsName is null)
                san.AddIpAddress(IPAddress.Loopback);
            else
                san.AddDnsName(dnsName);
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the certificate and its key as PEM files; returns their paths.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
