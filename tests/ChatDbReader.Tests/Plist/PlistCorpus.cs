namespace LineAgent.ChatDbReader.Tests.Plist;

/// <summary>
/// Finds the GPL test vectors in <c>shared/corpus/typedstream</c> at run time (they are never copied into the
/// repository). Starts at the directory holding <c>LineAgent.sln</c> (found by walking up from
/// <see cref="AppContext.BaseDirectory"/>) and checks <c>../shared/corpus/typedstream</c>, then the same relative
/// path from each further parent, so both the main checkout (/work/main) and a worktree (/work/wt/NAME) find it.
/// </summary>
internal static class PlistCorpus
{
    private const string Relative = "shared/corpus/typedstream";

    private static readonly Lazy<string> RootDirectory = new(Locate);

    /// <summary>Reads a corpus file, e.g. <c>EditedMessage("Edited.plist")</c>.</summary>
    public static byte[] Read(string relativePath)
    {
        string path = Path.Combine(RootDirectory.Value, relativePath);
        Assert.True(File.Exists(path), $"Corpus file missing: {path}");
        return File.ReadAllBytes(path);
    }

    public static byte[] EditedMessage(string name) =>
        Read($"imessage-exporter/imessage-database/test_data/edited_message/{name}");

    public static byte[] UrlMessage(string name) =>
        Read($"imessage-exporter/imessage-database/test_data/url_message/{name}");

    private static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LineAgent.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException(
                $"Cannot find LineAgent.sln above {AppContext.BaseDirectory}; the test corpus is located relative to it.");
        }

        var tried = new List<string>();
        for (var parent = dir.Parent; parent is not null; parent = parent.Parent)
        {
            string candidate = Path.Combine(parent.FullName, Relative);
            tried.Add(candidate);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"Test corpus folder '{Relative}' not found (tried {string.Join(", ", tried)}). These tests need the GPL " +
            "vectors from imessage-exporter next to the repository at ../shared/corpus/typedstream; they are not " +
            "part of the repository.");
    }
}
