using System.Text;

namespace LineAgent.Agent.Configuration;

/// <summary>Writes files only their owner may read (0600), atomically: a temp file created 0600, then renamed.</summary>
public static class PrivateFile
{
    /// <summary>Owner read/write only.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="path"/> with mode 0600, replacing any old file — or, with
    /// <paramref name="replace"/> false, throwing <see cref="IOException"/> when one exists (a file that must never change once written).
    /// </summary>
    public static void WriteAllText(string path, string contents, bool replace = true)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CreatePrivateDirectory(directory); // 0700 when created here; an existing directory keeps its mode
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // WHY create with the mode instead of chmod afterwards: the secret is never readable by others, not even briefly.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = Mode;
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                writer.Write(contents);
            File.Move(temp, path, overwrite: replace);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Creates <paramref name="path"/> (and parents) and restricts it to its owner (0700).</summary>
    public static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(path); return; }
        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
