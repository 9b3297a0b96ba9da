using System.Globalization;
using System.Net;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Operations.Doctor;

/// <summary>Where the agent's gRPC API listens and which token it wants, read from the Grpc section.</summary>
public static class GrpcEndpoint
{
    /// <summary>Grpc:Port's default (matches GrpcOptions.Port).</summary>
    public const int DefaultPort = 50551;

    /// <summary>
    /// http(s)://host:port from Grpc:ListenAddress (default 127.0.0.1; a wildcard address is probed on loopback),
    /// Grpc:Port (default 50551) and Grpc:TlsCertificatePath (https when set).
    /// </summary>
    public static Uri Address(IConfiguration configuration)
    {
        var listen = configuration["Grpc:ListenAddress"];
        var host = string.IsNullOrWhiteSpace(listen) || listen is "0.0.0.0" or "*" or "+" ? "127.0.0.1"
            : listen is "::" or "[::]" ? "[::1]"
            : IPAddress.TryParse(listen, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{listen}]"
            : listen;
        var port = int.TryParse(configuration["Grpc:Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : DefaultPort;
        var scheme = string.IsNullOrWhiteSpace(configuration["Grpc:TlsCertificatePath"]) ? "http" : "https";
        return new Uri($"{scheme}://{host}:{port}");
    }

    /// <summary>
    /// The bearer token the agent expects: Grpc:TokenEnvironmentVariable (default LINEAGENT_GRPC_TOKEN), else the
    /// Grpc:TokenFile (default &lt;state dir&gt;/grpc.token). Null when neither is readable.
    /// </summary>
    public static string? ReadToken(IConfiguration configuration, string stateDirectory, IReadOnlyDictionary<string, string?>? environment)
    {
        var variable = configuration["Grpc:TokenEnvironmentVariable"] ?? "LINEAGENT_GRPC_TOKEN";
        var fromEnvironment = environment is null ? Environment.GetEnvironmentVariable(variable) : environment.GetValueOrDefault(variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment.Trim();
        var file = configuration["Grpc:TokenFile"];
        var path = string.IsNullOrWhiteSpace(file) ? StateDirectoryFiles.TokenFile(stateDirectory) : AgentPaths.ExpandHome(file);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
