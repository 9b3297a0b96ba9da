using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.Plist;

/// <summary>
/// Reads the GPL test vectors in <c>../shared/corpus/typedstream</c> at run time (they are never copied into the
/// repository; <see cref="SharedMaterial"/> finds the folder, and the tests that read it skip without it).
/// </summary>
internal static class PlistCorpus
{
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

    private static string Locate() => SharedMaterial.Require(SharedMaterial.TypedStreamCorpus);
}
