namespace LineAgent.Agent.Configuration;

/// <summary>
/// The state directory holds every message text (journal.db and its -wal/-shm), the bearer token and uploads:
/// it must be 0700 and everything in it readable by its owner only (no group or other bits). Permissions are
/// read and changed by path (stat/chmod): no file is ever opened here, so SQLite's POSIX locks on journal.db are
/// never disturbed. Symbolic links are neither followed nor changed.
/// </summary>
public static class PrivateStateDirectory
{
    /// <summary>The group and other permission bits, none of which an entry may have.</summary>
    public const UnixFileMode GroupAndOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute |
        UnixFileMode.SetGroup | UnixFileMode.SetUser | UnixFileMode.StickyBit;

    /// <summary>Owner read, write and search: the mode a new state directory gets.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>One entry others can reach.</summary>
    public sealed record Exposed(string Path, UnixFileMode Mode, bool IsDirectory);

    /// <summary>The directory itself and every entry under it that has group or other bits (empty on Windows).</summary>
    public static IReadOnlyList<Exposed> FindExposed(string directory)
    {
        var exposed = new List<Exposed>();
        if (OperatingSystem.IsWindows() || !Directory.Exists(directory))
            return exposed;
        var root = new DirectoryInfo(directory);
        Check(root, exposed);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        foreach (var entry in root.EnumerateFileSystemInfos("*", options))
            Check(entry, exposed);
        return exposed;
    }

    /// <summary>Removes the group and other bits from everything <see cref="FindExposed"/> reports. Returns what it changed.</summary>
    public static IReadOnlyList<Exposed> Tighten(string directory)
    {
        var exposed = FindExposed(directory);
        if (OperatingSystem.IsWindows())
            return exposed;
        foreach (var entry in exposed)
            File.SetUnixFileMode(entry.Path, entry.Mode & ~GroupAndOther);
        return exposed;
    }

    /// <summary>Makes one existing file owner-only (chmod by path; for SQLite's files right after SQLite made them).</summary>
    public static void RestrictFile(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupAndOther) != 0)
            File.SetUnixFileMode(path, mode & ~GroupAndOther);
    }

    /// <summary>The shell command that fixes <paramref name="directory"/> by hand.</summary>
    public static string FixCommand(string directory) => $"chmod -R go-rwx '{directory}'";

    private static void Check(FileSystemInfo entry, List<Exposed> exposed)
    {
        if (entry.LinkTarget is not null)
            return;
        var mode = entry.UnixFileMode;
        if ((mode & GroupAndOther) != 0)
            exposed.Add(new Exposed(entry.FullName, mode, entry is DirectoryInfo));
    }
}
