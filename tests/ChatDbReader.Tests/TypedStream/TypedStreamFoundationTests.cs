using LineAgent.ChatDbReader.TypedStream;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.TypedStream;

/// <summary>The synthetic NSArchiver archives of single Foundation objects (corpus <c>foundation/</c>) decode to their values.</summary>
public sealed class TypedStreamFoundationTests
{
    private static object? Root(string name) =>
        TypedStreamDecoder.DecodeObject(TypedStreamCorpus.Bytes("crabstep/src/test_data/foundation/" + name));

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [InlineData("NSString")]
    [InlineData("NSMutableString")]
    public void DecodeObject_String_ReturnsText(string name) => Assert.Equal("Hello, world", Root(name));

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [InlineData("NumberInt", 42L)]
    [InlineData("NumberBool", 1L)]
    [InlineData("NumberInt64", -9_000_000_000L)] // 'q' written with tag 0x87 + 8 bytes
    public void DecodeObject_IntegerNumber_ReturnsLong(string name, long expected) => Assert.Equal(expected, Root(name));

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [InlineData("NumberFloat", 3.5)]
    [InlineData("NumberDouble", 100.5)]
    public void DecodeObject_RealNumber_ReturnsDouble(string name, double expected) => Assert.Equal(expected, Root(name));

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_Data_ReturnsBytes()
    {
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x00, 0x7f }, Root("NSData"));
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, Root("NSMutableData"));
    }

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [InlineData("NSDate", 21692800.0)]
    [InlineData("NSDateFractional", 700000000.523)]
    public void DecodeObject_Date_IsSecondsSinceAppleEpoch(string name, double seconds)
    {
        var expected = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((long)(seconds * TimeSpan.TicksPerSecond));

        Assert.Equal(expected, Root(name));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_Url_ReturnsAbsoluteAndRelativeUrls()
    {
        Assert.Equal(new TypedStreamUrl("https://example.com/path?q=1", null), Root("NSURL"));

        var relative = Assert.IsType<TypedStreamUrl>(Root("NSURLRelative"));
        Assert.Equal("page.html", relative.Relative);
        Assert.Equal("https://example.com/dir/", relative.Base?.Relative);
        Assert.Equal("https://example.com/dir/page.html", relative.Value);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_Dictionaries_KeepArchiveOrderAndValues()
    {
        var plain = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Root("NSDictionary"));
        Assert.Equal(["k2", "k1"], plain.Keys);
        Assert.Equal("v", plain["k2"]);
        Assert.Equal(1L, plain["k1"]);

        var mutable = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Root("NSMutableDictionary"));
        Assert.Equal(9L, mutable["key"]);

        var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(Root("NSDictionaryNested"));
        Assert.Equal(new object?[] { 1L, 2L }, nested["arr"]);
        Assert.Equal(new byte[] { 1, 2 }, nested["data"]);
        Assert.Equal(7L, nested["num"]);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_Arrays_ReturnElementsIncludingNull()
    {
        Assert.Equal(new object?[] { "a", 1L, "b" }, Root("NSArray"));
        Assert.Equal(new object?[] { "x", null, "y" }, Root("NSArrayWithNull"));
        Assert.Equal(new object?[] { "top", new object?[] { 1L, 2L } }, Root("NSArrayNested"));
        Assert.Empty(Assert.IsType<object?[]>(Root("NSArrayEmpty")));
        Assert.Equal(new object?[] { "imm", "mut" }, Root("NestedStrings"));
        Assert.Equal(new object?[] { new byte[] { 1, 2 }, new byte[] { 3, 4, 5 } }, Root("NestedData"));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_Sets_ReturnElementsInArchiveOrder()
    {
        Assert.Equal(new object?[] { "s2", "s1" }, Root("NSSet"));
        Assert.Equal(new object?[] { "m1" }, Root("NSMutableSet"));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_NestedContainers_ResolveBackReferencedClasses()
    {
        var items = Assert.IsType<object?[]>(Root("NestedContainers"));

        Assert.Equal(7, items.Length);
        Assert.Equal(new object?[] { 1L, 2L }, items[0]);
        Assert.Equal(new object?[] { 3L }, items[1]);
        Assert.Empty(Assert.IsType<object?[]>(items[2]));
        Assert.Equal(9L, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(items[3])["k"]);
        Assert.Equal(8L, Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(items[4])["mk"]);
        Assert.Equal(new object?[] { "s" }, items[5]);
        Assert.Equal(new object?[] { "ms" }, items[6]);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_NestedAttributedString_IsAnAttributedStringInsideAnArray()
    {
        var items = Assert.IsType<object?[]>(Root("NestedAttributed"));

        var attributed = Assert.IsType<AttributedString>(Assert.Single(items));
        Assert.Equal("styled", attributed.Text);
        Assert.Empty(Assert.Single(attributed.Runs).Attributes);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void DecodeObject_NestedScalars_DecodesDateUrlsAndNull()
    {
        var items = Assert.IsType<object?[]>(Root("NestedScalars"));

        Assert.Equal(4, items.Length);
        Assert.IsType<DateTimeOffset>(items[0]);
        Assert.Equal("https://example.com/path?q=1", Assert.IsType<TypedStreamUrl>(items[1]).Value);
        Assert.Equal("https://example.com/dir/page.html", Assert.IsType<TypedStreamUrl>(items[2]).Value);
        Assert.Null(items[3]); // NSNull
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_FoundationAttributedString_HasOneRunWithoutAttributes()
    {
        var decoded = TypedStreamDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/foundation/NSAttributedString"));

        Assert.Equal("Hello, world", decoded.Text);
        Assert.Empty(Assert.Single(decoded.Runs).Attributes);
    }
}
