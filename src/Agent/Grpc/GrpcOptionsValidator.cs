using System.Net;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Grpc;

/// <summary>
/// Refuses configurations that would expose the API: a non-loopback address without TLS, half-configured
/// TLS, or a listen address that is not an IP. Runs at start (ValidateOnStart), before Kestrel listens.
/// </summary>
public sealed class GrpcOptionsValidator : IValidateOptions<GrpcOptions>
{
    public ValidateOptionsResult Validate(string? name, GrpcOptions options)
    {
        var failures = new List<string>();
        if (!TryParseListenAddress(options.ListenAddress, out var address))
        {
            failures.Add($"Grpc:ListenAddress '{options.ListenAddress}' is not an IP address or \"localhost\".");
            return ValidateOptionsResult.Fail(failures);
        }

        var hasCert = !string.IsNullOrWhiteSpace(options.TlsCertificatePath);
        var hasKey = !string.IsNullOrWhiteSpace(options.TlsKeyPath);
        if (hasCert != hasKey)
            failures.Add("Grpc:TlsCertificatePath and Grpc:TlsKeyPath must be set together (PEM certificate and its key).");
        if (!string.IsNullOrWhiteSpace(options.ClientCaPath) && !hasCert)
            failures.Add("Grpc:ClientCaPath (mutual TLS) needs TLS: set Grpc:TlsCertificatePath and Grpc:TlsKeyPath too.");
        foreach (var (key, path) in new[] { ("TlsCertificatePath", options.TlsCertificatePath), ("TlsKeyPath", options.TlsKeyPath), ("ClientCaPath", options.ClientCaPath) })
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
                failures.Add($"Grpc:{key} '{path}' does not exist.");
        }

        if (!IPAddress.IsLoopback(address) && !hasCert)
        {
            failures.Add(
                $"Refusing to listen on {options.ListenAddress}: it is not a loopback address and TLS is not configured. " +
                "Anyone who can reach this port could read this Apple ID's messages and send as it, and the bearer token " +
                "would cross the network in clear text. Either bind 127.0.0.1 (the default) and reach the agent through an " +
                "SSH tunnel or a local proxy, or set Grpc:TlsCertificatePath and Grpc:TlsKeyPath (and optionally " +
                "Grpc:ClientCaPath for mutual TLS); the bearer token stays required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Parses an IP literal, or "localhost" as 127.0.0.1. An IPv4-mapped IPv6 literal ("::ffff:127.0.0.1") is the
    /// IPv4 address it maps: that is what a socket bound to it serves (binding the mapped form itself aborts the
    /// process on some platforms), and the loopback rule then judges the real address.
    /// </summary>
    public static bool TryParseListenAddress(string? text, out IPAddress address)
    {
        if (string.Equals(text, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }
        if (!IPAddress.TryParse(text, out var parsed))
        {
            address = IPAddress.None;
            return false;
        }
        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }
}
