using System.Security.Cryptography;
using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Grpc.Auth;

/// <summary>
/// Finds the bearer token: the environment variable first, then the token file (which must be 0600, owner
/// only), and creates the file with a fresh random token when neither exists.
/// </summary>
public static class ApiTokenLoader
{
    /// <summary>Shortest token accepted (characters).</summary>
    public const int MinimumLength = 16;

    /// <summary>Loads (or creates) the token. Throws <see cref="ApiTokenException"/> with the fix when unusable.</summary>
    public static ApiToken Load(GrpcOptions grpc, AgentOptions agent, ILogger logger)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(grpc.TokenEnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var trimmed = fromEnvironment.Trim();
            CheckLength(trimmed, $"environment variable {grpc.TokenEnvironmentVariable}");
            GrpcLog.TokenLoaded(logger, $"environment variable {grpc.TokenEnvironmentVariable}");
            return new ApiToken(trimmed) { Source = grpc.TokenEnvironmentVariable };
        }

        var path = string.IsNullOrWhiteSpace(grpc.TokenFile)
            ? StateDirectoryFiles.TokenFile(AgentPaths.ExpandHome(agent.StateDirectory))
            : AgentPaths.ExpandHome(grpc.TokenFile);
        if (!File.Exists(path))
        {
            Create(path);
            GrpcLog.TokenCreated(logger, path);
        }
        else
        {
            CheckPermissions(path);
            GrpcLog.TokenLoaded(logger, path);
        }

        var token = File.ReadAllText(path).Trim();
        CheckLength(token, path);
        return new ApiToken(token) { Source = path };
    }

    private static void Create(string path) =>
        PrivateFile.WriteAllText(path, Base64Url(RandomNumberGenerator.GetBytes(32)) + "\n");

    private static void CheckPermissions(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                  | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & others) != 0)
            throw new ApiTokenException(
                $"The token file {path} is readable or writable by other users (mode {Convert.ToString((int)mode, 8)}). " +
                $"Run: chmod 600 '{path}'");
    }

    private static void CheckLength(string token, string source)
    {
        if (token.Length < MinimumLength)
            throw new ApiTokenException(
                $"The bearer token from {source} is shorter than {MinimumLength} characters. Use a long random value, " +
                "e.g. `openssl rand -base64 32`.");
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The bearer token cannot be used (file readable by others, too short); the message says how to fix it.</summary>
public sealed class ApiTokenException(string message) : Exception(message);
