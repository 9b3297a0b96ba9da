using System.Diagnostics;
using System.Globalization;

namespace LineAgent.Agent.Tests.TestSupport;

/// <summary>
/// The POSIX advisory locks this process holds, from Linux's /proc/locks. SQLite's shared lock on a WAL database
/// (bytes 1073741826…) is what tells another process's closing connection that it is not the last one; closing any
/// other descriptor of the file in this process drops it (sqlite.org "How To Corrupt…" §2.2).
/// </summary>
public static class ProcLocks
{
    /// <summary>False where there is no /proc/locks (not Linux): callers return early with that reason.</summary>
    public static bool Available => File.Exists("/proc/locks");

    /// <summary>True when this process holds at least one POSIX lock on <paramref name="path"/>'s inode.</summary>
    public static bool HeldOn(string path)
    {
        var inode = Inode(path);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var line in File.ReadLines("/proc/locks"))
        {
            // "7: POSIX  ADVISORY  READ 13745 fe:00:11658711 1073741826 1073742335"
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 6 && f[1] == "POSIX" && f[4] == pid && f[5].EndsWith(":" + inode, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static string Inode(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        if (stat.ExitCode != 0 || inode.Length == 0)
            throw new InvalidOperationException($"stat {path} failed");
        return inode;
    }
}
