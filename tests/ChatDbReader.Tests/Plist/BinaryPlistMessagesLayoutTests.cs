using LineAgent.ChatDbReader.Plist;
using LineAgent.FakeChatDb;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.Plist;

/// <summary>
/// BinaryPlistWriter lays objects out as CoreFoundation does (depth-first, keys before values, equal scalars once,
/// smallest integer widths), so re-writing a real Messages blob reproduces it byte for byte, and fixtures built with
/// it look like what Messages stores.
/// </summary>
public class BinaryPlistMessagesLayoutTests
{
    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [InlineData("Deleted.plist")]
    [InlineData("Edited.plist")]
    [InlineData("EditedToLink.plist")]
    [InlineData("EditedToLinkAndBack.plist")]
    public void Write_OfParsedMessageSummaryInfo_ReproducesMessagesBytes(string file)
    {
        byte[] original = PlistCorpus.EditedMessage(file);

        byte[] rewritten = BinaryPlistWriter.Write(BinaryPlist.Parse(original));

        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(rewritten));
    }

    /// <summary>
    /// NSKeyedArchiver (payload_data) orders objects its own way, so only the values must survive a rewrite.
    /// </summary>
    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [InlineData("URL.plist")]
    [InlineData("MetadataURL.plist")]
    [InlineData("Twitter.plist")]
    [InlineData("Reminder.plist")]
    public void Write_OfParsedPayloadData_PreservesEveryValue(string file)
    {
        object? original = BinaryPlist.Parse(PlistCorpus.UrlMessage(file));

        object? rewritten = BinaryPlist.Parse(BinaryPlistWriter.Write(original));

        AssertPlistEqual(original, rewritten, "$");
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void UnsentFixture_IsByteIdenticalToMessagesDeletedVector()
    {
        byte[] fixture = MessageSummaryInfoFixture.Unsent([0], (0, 0, 13));

        Assert.Equal(Convert.ToHexString(PlistCorpus.EditedMessage("Deleted.plist")), Convert.ToHexString(fixture));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void EditedFixture_FromTheSameVersions_IsByteIdenticalToMessagesEditedVector()
    {
        byte[] original = PlistCorpus.EditedMessage("Edited.plist");
        var versions = MessageSummaryInfo.Parse(original).EditHistory[0]
            .Select(v => new EditVersion(v.Date!.Value, v.AttributedBody!))
            .ToList();

        byte[] fixture = MessageSummaryInfoFixture.Edited(versions, part: 0, originalLength: 15);

        Assert.Equal(Convert.ToHexString(original), Convert.ToHexString(fixture));
    }

    [Fact]
    public void EditedFixture_WithEncodedTexts_DecodesToTheSameTexts()
    {
        var t0 = new DateTimeOffset(2025, 6, 1, 9, 30, 0, TimeSpan.Zero);
        byte[] blob = MessageSummaryInfoFixture.Edited(
            [EditVersion.Of(t0, "Original"), EditVersion.Of(t0.AddSeconds(30), "Fixed typo 😀", "B-GUID")], originalLength: 8);

        var versions = MessageSummaryInfo.Parse(blob).EditHistory[0];

        Assert.Equal(["Original", "Fixed typo 😀"], versions.Select(v => v.Text));
        Assert.Equal([t0, t0.AddSeconds(30)], versions.Select(v => v.Date!.Value));
        Assert.Equal("B-GUID", versions[1].BalloonMessageGuid);
    }

    private static void AssertPlistEqual(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case Dictionary<string, object?> dict:
                var other = Assert.IsType<Dictionary<string, object?>>(actual);
                Assert.True(dict.Keys.SequenceEqual(other.Keys), $"keys differ at {path}");
                foreach (var (key, value) in dict)
                {
                    AssertPlistEqual(value, other[key], $"{path}.{key}");
                }

                break;
            case List<object?> list:
                var items = Assert.IsType<List<object?>>(actual);
                Assert.True(list.Count == items.Count, $"count differs at {path}");
                for (int i = 0; i < list.Count; i++)
                {
                    AssertPlistEqual(list[i], items[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(Equals(expected, actual) || (expected is byte[] a && actual is byte[] b && a.SequenceEqual(b)),
                    $"value differs at {path}: {expected} vs {actual}");
                break;
        }
    }
}
