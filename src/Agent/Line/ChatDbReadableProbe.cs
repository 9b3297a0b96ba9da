namespace LineAgent.Agent.Line;

/// <summary>Checks that chat.db can be opened and is an SQLite database, with the fix when it cannot.</summary>
public static class ChatDbReadableProbe
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>Opens the file read-only and checks its 16-byte SQLite header.</summary>
    public static ProbeResult Probe(string chatDbPath)
    {
        try
        {
            using var stream = new FileStream(chatDbPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> header = stackalloc byte[16];
            var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return read == header.Length && header.SequenceEqual(SqliteHeader)
                ? ProbeResult.Available
                : new ProbeResult(ProbeState.Unavailable, $"{chatDbPath} is not an SQLite database.");
        }
        catch (UnauthorizedAccessException)
        {
            // macOS TCC denial surfaces as EPERM → UnauthorizedAccessException: Full Disk Access is missing.
            return new ProbeResult(ProbeState.Unavailable,
                $"Permission denied reading {chatDbPath}. Grant Full Disk Access to {Environment.ProcessPath} " +
                "in System Settings › Privacy & Security › Full Disk Access, then restart the agent.");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ProbeResult(ProbeState.Unavailable,
                $"{chatDbPath} does not exist. Sign in to Messages with the line's Apple ID (or set Agent:ChatDbPath).");
        }
        catch (IOException ex)
        {
            return new ProbeResult(ProbeState.Unavailable, $"Cannot read {chatDbPath}: {ex.Message}");
        }
    }
}
