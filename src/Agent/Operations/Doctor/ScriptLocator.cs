namespace LineAgent.Agent.Operations.Doctor;

/// <summary>Finds scripts/applescript in the layouts LineAgent ships in.</summary>
public static class ScriptLocator
{
    /// <summary>
    /// The configured directory (absolute, or relative to <paramref name="baseDirectory"/>) when given; otherwise
    /// &lt;base&gt;/scripts/applescript (bin/, publish output), else &lt;base&gt;/../Resources/scripts/applescript
    /// (LineAgent.app: the executable is in Contents/MacOS, non-code files belong in Contents/Resources).
    /// </summary>
    public static string Find(string? configured, string baseDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(baseDirectory, configured));
        var beside = Path.GetFullPath(Path.Combine(baseDirectory, "scripts", "applescript"));
        var bundled = Path.GetFullPath(Path.Combine(baseDirectory, "..", "Resources", "scripts", "applescript"));
        return !Directory.Exists(beside) && Directory.Exists(bundled) ? bundled : beside;
    }
}
