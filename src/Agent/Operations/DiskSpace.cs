namespace LineAgent.Agent.Operations;

/// <summary>Free space on the volume that holds a path.</summary>
public static class DiskSpace
{
    /// <summary>Bytes available to this user on the volume of <paramref name="path"/> (its nearest existing parent); null if unknown.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            var existing = Path.GetFullPath(path);
            while (!Directory.Exists(existing))
            {
                var parent = Path.GetDirectoryName(existing);
                if (parent is null) return null;
                existing = parent;
            }
            // DriveInfo picks the mount point by path prefix; the longest matching mount is the volume.
            var drive = DriveInfo.GetDrives()
                .Where(d => d.IsReady && existing.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal))
                .MaxBy(d => d.RootDirectory.FullName.Length);
            return drive?.AvailableFreeSpace;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
