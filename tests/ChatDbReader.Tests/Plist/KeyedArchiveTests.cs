using LineAgent.ChatDbReader.Plist;
using LineAgent.ChatDbReader.Time;
using LineAgent.FakeChatDb;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.Plist;

public class KeyedArchiveTests
{
    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [InlineData("URL.plist", "https://chrissardegna.com")]
    [InlineData("MetadataURL.plist", "https://chrissardegna.com")]
    [InlineData("Twitter.plist", "https://twitter.com/rxcs/status/1175874352946077696")]
    [InlineData("Reminder.plist", "https://www.icloud.com/reminders/ZmFrZXVybF9mb3JfcmVtaW5kZXI#TestList")]
    public void PayloadData_FromCorpus_YieldsOriginalUrl(string file, string expectedUrl)
    {
        var archive = KeyedArchive.Parse(PlistCorpus.UrlMessage(file));

        object? root = archive.Root;
        object? metadata = archive.Get(root, "richLinkMetadata") ?? root; // MetadataURL's root is the metadata wrapper
        if (archive.ClassName(metadata) == "LPSharingMetadataWrapper")
        {
            metadata = archive.Get(metadata, "metadata");
        }

        Assert.Equal("LPLinkMetadata", archive.ClassName(metadata));
        Assert.Equal("NSURL", archive.ClassName(archive.Get(metadata, "originalURL")));
        Assert.Equal(expectedUrl, archive.Materialize(archive.Get(metadata, "originalURL")));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Materialize_TwitterPreview_ResolvesTitleArraysAndClassNames()
    {
        var archive = KeyedArchive.Parse(PlistCorpus.UrlMessage("Twitter.plist"));
        var root = Assert.IsType<Dictionary<string, object?>>(archive.Materialize(archive.Top["root"]));

        Assert.Equal("RichLink", root["$classname"]);
        Assert.Equal(false, root["richLinkIsPlaceholder"]);
        var metadata = Assert.IsType<Dictionary<string, object?>>(root["richLinkMetadata"]);
        Assert.Equal("Christopher Sardegna on Twitter", metadata["title"]);
        Assert.Equal("“Hello Twitter, meet Bella”", metadata["summary"]);
        Assert.Equal("Twitter", metadata["siteName"]);
        var images = Assert.IsType<List<object?>>(metadata["images"]);
        Assert.Equal(3, images.Count);
        var first = Assert.IsType<Dictionary<string, object?>>(images[0]);
        Assert.Equal("https://pbs.twimg.com/media/EFGLfR2X4AE8ItK.jpg:large", first["URL"]);
    }

    [Fact]
    public void Materialize_NSDictionaryStringDataAndDate_BecomePlainValues()
    {
        var objects = new List<object?>
        {
            "$null",
            new Dictionary<string, object?> { ["$class"] = new PlistUid(2), ["NS.keys"] = new List<object?> { new PlistUid(3), new PlistUid(4) }, ["NS.objects"] = new List<object?> { new PlistUid(5), new PlistUid(7) } },
            new Dictionary<string, object?> { ["$classname"] = "NSMutableDictionary", ["$classes"] = new List<object?> { "NSMutableDictionary", "NSDictionary", "NSObject" } },
            "data",
            "when",
            new Dictionary<string, object?> { ["$class"] = new PlistUid(6), ["NS.data"] = new byte[] { 1, 2 } },
            new Dictionary<string, object?> { ["$classname"] = "NSMutableData" },
            new Dictionary<string, object?> { ["$class"] = new PlistUid(8), ["NS.time"] = 690513474.5 },
            new Dictionary<string, object?> { ["$classname"] = "NSDate" },
        };
        var archive = KeyedArchive.Parse(BinaryPlistWriter.Write(Archive(objects)));

        var dict = Assert.IsType<Dictionary<string, object?>>(archive.Materialize(archive.Top["root"]));
        Assert.Equal(new byte[] { 1, 2 }, dict["data"]);
        Assert.Equal(AppleTime.FromSeconds(690513474.5), dict["when"]);
    }

    [Fact]
    public void Materialize_CyclicObjectGraph_LeavesBackReferenceAsUid()
    {
        var objects = new List<object?>
        {
            "$null",
            new Dictionary<string, object?> { ["self"] = new PlistUid(1), ["nothing"] = new PlistUid(0) },
        };
        var archive = KeyedArchive.Parse(BinaryPlistWriter.Write(Archive(objects)));

        var root = Assert.IsType<Dictionary<string, object?>>(archive.Materialize(new PlistUid(1)));
        Assert.Equal(new PlistUid(1), root["self"]);
        Assert.Null(root["nothing"]);
    }

    [Fact]
    public void Materialize_SharedObjects_AreResolvedOnce()
    {
        // Object i has two fields pointing at object i+1: 2^50 paths, linear work when memoized.
        var objects = new List<object?> { "$null" };
        for (int i = 1; i <= 50; i++)
        {
            objects.Add(new Dictionary<string, object?> { ["a"] = new PlistUid((ulong)i + 1), ["b"] = new PlistUid((ulong)i + 1) });
        }

        objects.Add("leaf");
        var archive = KeyedArchive.Parse(BinaryPlistWriter.Write(Archive(objects)));
        var root = Assert.IsType<Dictionary<string, object?>>(archive.Materialize(archive.Top["root"]));
        Assert.Same(root["a"], root["b"]);
    }

    [Fact]
    public void Resolve_UidPastObjects_IsBadReference()
    {
        var archive = KeyedArchive.Parse(BinaryPlistWriter.Write(Archive(["$null", "x"])));
        Assert.Equal("x", archive.Resolve(new PlistUid(1)));
        Assert.Null(archive.Resolve(new PlistUid(0)));
        var ex = Assert.Throws<PlistFormatException>(() => archive.Resolve(new PlistUid(2)));
        Assert.Equal(PlistError.BadReference, ex.Error);
    }

    [Fact]
    public void Parse_PlistThatIsNotAnArchive_IsNotKeyedArchive()
    {
        var ex = Assert.Throws<PlistFormatException>(() => KeyedArchive.Parse(BinaryPlistWriter.Write(new Dictionary<string, object?> { ["a"] = 1L })));
        Assert.Equal(PlistError.NotKeyedArchive, ex.Error);
        Assert.Equal(PlistError.NotKeyedArchive, Assert.Throws<PlistFormatException>(() => KeyedArchive.Parse(BinaryPlistWriter.Write("x"))).Error);
    }

    private static Dictionary<string, object?> Archive(List<object?> objects) => new()
    {
        ["$version"] = 100000L,
        ["$archiver"] = "NSKeyedArchiver",
        ["$top"] = new Dictionary<string, object?> { ["root"] = new PlistUid(1) },
        ["$objects"] = objects,
    };
}
