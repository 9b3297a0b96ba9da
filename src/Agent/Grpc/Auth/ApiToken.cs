using System.Security.Cryptography;
using System.Text;

namespace LineAgent.Agent.Grpc.Auth;

/// <summary>
/// The bearer token callers must present. Only its SHA-256 is kept, and comparison is constant-time over
/// the digests, so neither the token's content nor its length leaks through timing. Never logged.
/// </summary>
public sealed class ApiToken
{
    private readonly byte[] _digest;

    public ApiToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Where the token came from (a file path or an environment variable name), for logs.</summary>
    public string Source { get; init; } = "";

    /// <summary>True when <paramref name="presented"/> equals the token.</summary>
    public bool Matches(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
            return false;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }

    /// <inheritdoc />
    public override string ToString() => $"ApiToken(from {Source})"; // never the token itself
}
