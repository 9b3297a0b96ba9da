using LineAgent.ChatDbReader.Plist;
using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests.Plist;

/// <summary>BinaryPlistWriter → BinaryPlist.Parse returns the same values, for every type and size class.</summary>
public class BinaryPlistRoundTripTests
{
    private static object? RoundTrip(object? value) => BinaryPlist.Parse(BinaryPlistWriter.Write(value));

    [Fact]
    public void Write_StartsWithMagicAndParsesBack()
    {
        byte[] bytes = BinaryPlistWriter.Write("x");
        Assert.True(BinaryPlist.HasBinaryPlistHeader(bytes));
        Assert.Equal("x", BinaryPlist.Parse(bytes));
    }

    [Fact]
    public void NullAndBooleans_RoundTrip()
    {
        Assert.Null(RoundTrip(null));
        Assert.Equal(true, RoundTrip(true));
        Assert.Equal(false, RoundTrip(false));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(255L)]
    [InlineData(256L)]
    [InlineData(65535L)]
    [InlineData(65536L)]
    [InlineData(4294967295L)]
    [InlineData(4294967296L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Integers_RoundTripAtEveryWidth(long value)
    {
        Assert.Equal(value, RoundTrip(value));
    }

    [Fact]
    public void SmallIntegerTypes_ComeBackAsLong()
    {
        Assert.Equal(7L, RoundTrip(7));
        Assert.Equal(200L, RoundTrip((byte)200));
        Assert.Equal(-5L, RoundTrip((short)-5));
        Assert.Equal(4000000000L, RoundTrip(4000000000u));
    }

    [Fact]
    public void UInt64AboveInt64Max_RoundTripsAs16ByteInteger()
    {
        byte[] bytes = BinaryPlistWriter.Write(ulong.MaxValue);
        Assert.Equal(0x14, bytes[8]); // 16-byte integer marker, as CoreFoundation writes UInt64 > Int64.MaxValue
        Assert.Equal(ulong.MaxValue, BinaryPlist.Parse(bytes));
        Assert.Equal(5L, RoundTrip(5UL));
    }

    [Fact]
    public void Reals_RoundTripAsDouble()
    {
        Assert.Equal(690513474.2725511, RoundTrip(690513474.2725511));
        Assert.Equal(-0.5, RoundTrip(-0.5));
        Assert.Equal(double.PositiveInfinity, RoundTrip(double.PositiveInfinity));
        Assert.True(double.IsNaN((double)RoundTrip(double.NaN)!));

        byte[] single = BinaryPlistWriter.Write(1.5f);
        Assert.Equal(0x22, single[8]); // 4-byte real
        Assert.Equal(1.5, BinaryPlist.Parse(single));
    }

    [Fact]
    public void Date_RoundTripsInUtc()
    {
        var date = new DateTimeOffset(2022, 11, 19, 1, 17, 54, 250, TimeSpan.Zero);
        var parsed = Assert.IsType<DateTimeOffset>(RoundTrip(date));
        Assert.Equal(date, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);

        var beforeEpoch = new DateTimeOffset(1999, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(beforeEpoch, RoundTrip(beforeEpoch));
    }

    [Fact]
    public void Data_RoundTrips_EmptyShortAndLarge()
    {
        Assert.Equal(Array.Empty<byte>(), RoundTrip(Array.Empty<byte>()));
        Assert.Equal(new byte[] { 0, 1, 0xFF }, RoundTrip(new byte[] { 0, 1, 0xFF }));

        var large = new byte[200_000];
        new Random(42).NextBytes(large);
        Assert.Equal(large, RoundTrip(large)); // extended count with a 4-byte integer, 4-byte offsets
    }

    [Theory]
    [InlineData("")]
    [InlineData("ascii")]
    [InlineData("exactly15chars!")]
    [InlineData("Money: $1234.56, £20")]
    [InlineData("أهلاً بالعالم")]
    [InlineData("\U0001F171\uFE0FBold")]
    [InlineData("𝖍𝖊𝖑𝖑𝖔")]
    public void Strings_RoundTrip(string text)
    {
        Assert.Equal(text, RoundTrip(text));
    }

    [Fact]
    public void NonAsciiString_IsWrittenAsUtf16BigEndian()
    {
        byte[] bytes = BinaryPlistWriter.Write("é");
        Assert.Equal(new byte[] { 0x61, 0x00, 0xE9 }, bytes[8..11]);
    }

    [Fact]
    public void UnpairedSurrogate_SurvivesRoundTrip()
    {
        string lone = "a\uD83Cb";
        Assert.Equal(lone, RoundTrip(lone));
    }

    [Fact]
    public void LongStrings_UseExtendedCounts()
    {
        string ascii = new('a', 70_000);
        string utf16 = string.Concat(Enumerable.Repeat("é😀", 20_000));
        Assert.Equal(ascii, RoundTrip(ascii));
        Assert.Equal(utf16, RoundTrip(utf16));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(255UL)]
    [InlineData(256UL)]
    [InlineData(70000UL)]
    [InlineData(5000000000UL)]
    public void Uids_RoundTrip(ulong value)
    {
        Assert.Equal(new PlistUid(value), RoundTrip(new PlistUid(value)));
    }

    [Fact]
    public void NestedContainers_RoundTripInOrder()
    {
        var value = new Dictionary<string, object?>
        {
            ["zeta"] = 1L,
            ["alpha"] = new List<object?> { "a", 2L, null, new Dictionary<string, object?>() },
            ["otr"] = new Dictionary<string, object?> { ["0"] = new Dictionary<string, object?> { ["lo"] = 0L, ["le"] = 13L } },
            ["empty"] = new List<object?>(),
        };

        var parsed = Assert.IsType<Dictionary<string, object?>>(RoundTrip(value));
        Assert.Equal(["zeta", "alpha", "otr", "empty"], parsed.Keys);
        Assert.Equal(1L, parsed["zeta"]);
        var alpha = Assert.IsType<List<object?>>(parsed["alpha"]);
        Assert.Equal("a", alpha[0]);
        Assert.Equal(2L, alpha[1]);
        Assert.Null(alpha[2]);
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(alpha[3]));
        var range = Assert.IsType<Dictionary<string, object?>>(Assert.IsType<Dictionary<string, object?>>(parsed["otr"])["0"]);
        Assert.Equal(13L, range["le"]);
        Assert.Empty(Assert.IsType<List<object?>>(parsed["empty"]));
    }

    [Fact]
    public void Set_IsWrittenAsSetAndReadAsList()
    {
        byte[] bytes = BinaryPlistWriter.Write(new HashSet<object?> { 3L });
        Assert.Equal(0xC1, bytes[8]);
        Assert.Equal([3L], Assert.IsType<List<object?>>(BinaryPlist.Parse(bytes)));
    }

    [Fact]
    public void LargeArray_Uses4ByteReferencesAndExtendedCount()
    {
        var items = Enumerable.Range(0, 70_000).Select(i => (object?)(long)i).ToList();
        byte[] bytes = BinaryPlistWriter.Write(items);
        Assert.Equal(4, bytes[^25]); // object ref size in the trailer: 70,001 objects need 4 bytes
        var parsed = Assert.IsType<List<object?>>(BinaryPlist.Parse(bytes));
        Assert.Equal(items, parsed);
    }

    [Fact]
    public void LargeDictionary_RoundTrips()
    {
        var dict = Enumerable.Range(0, 1000).ToDictionary(i => $"k{i}", i => (object?)$"v{i}");
        var parsed = Assert.IsType<Dictionary<string, object?>>(RoundTrip(dict));
        Assert.Equal(1000, parsed.Count);
        Assert.Equal("v999", parsed["k999"]);
    }

    [Fact]
    public void RepeatedStrings_AreStoredOnce()
    {
        var list = Enumerable.Repeat((object?)"same", 50).ToList();
        byte[] bytes = BinaryPlistWriter.Write(list);
        Assert.Equal(2, (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(bytes.Length - 24)));
        Assert.Equal(list, Assert.IsType<List<object?>>(BinaryPlist.Parse(bytes)));
    }

    [Fact]
    public void Writer_RejectsSelfContainingContainers()
    {
        var list = new List<object?>();
        list.Add(list);
        Assert.Throws<ArgumentException>(() => BinaryPlistWriter.Write(list));
    }

    [Fact]
    public void Writer_RejectsUnsupportedTypesAndNonStringKeys()
    {
        Assert.Throws<ArgumentException>(() => BinaryPlistWriter.Write(new object()));
        Assert.Throws<ArgumentException>(() => BinaryPlistWriter.Write(new Dictionary<int, object?> { [1] = null }));
    }
}
