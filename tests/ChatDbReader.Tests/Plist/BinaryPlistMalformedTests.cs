using System.Buffers.Binary;
using LineAgent.ChatDbReader.Plist;
using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests.Plist;

/// <summary>Each structural rule of bplist00 is enforced with a PlistFormatException naming the broken rule.</summary>
public class BinaryPlistMalformedTests
{
    private static PlistError ErrorOf(byte[] data) => Assert.Throws<PlistFormatException>(() => BinaryPlist.Parse(data)).Error;

    [Fact]
    public void Parse_Empty_IsNotBinaryPlistOrTruncated()
    {
        Assert.Equal(PlistError.Truncated, ErrorOf([]));
        Assert.Equal(PlistError.Truncated, ErrorOf("bplist"u8.ToArray()));
    }

    [Fact]
    public void Parse_WrongMagic_IsNotBinaryPlist()
    {
        Assert.Equal(PlistError.NotBinaryPlist, ErrorOf("<?xml version=\"1.0\"?><plist/>"u8.ToArray()));
        byte[] v1 = RawPlist.Build([0x09]);
        v1[7] = (byte)'1';
        Assert.Equal(PlistError.NotBinaryPlist, ErrorOf(v1));
    }

    [Fact]
    public void Parse_TooShortForTrailer_IsTruncated()
    {
        Assert.Equal(PlistError.Truncated, ErrorOf("bplist00\x09"u8.ToArray()));
    }

    [Fact]
    public void Parse_MinimalDocument_Works()
    {
        Assert.Equal(true, BinaryPlist.Parse(RawPlist.Build([0x09])));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 9)]
    public void Parse_BadIntegerSizesInTrailer_IsBadTrailer(int offsetSize, int refSize)
    {
        byte[] data = RawPlist.Build([0x09]);
        data[^26] = (byte)offsetSize;
        data[^25] = (byte)refSize;
        Assert.Equal(PlistError.BadTrailer, ErrorOf(data));
    }

    [Fact]
    public void Parse_ZeroOrHugeObjectCount_IsBadTrailer()
    {
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: 0, count: 0)));
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: 0, count: ulong.MaxValue)));
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: 0, count: 2)));
    }

    [Fact]
    public void Parse_TopObjectOutOfRange_IsBadTrailer()
    {
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: 1)));
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: ulong.MaxValue)));
    }

    [Fact]
    public void Parse_OffsetTableOutsideFile_IsBadTrailer()
    {
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: 0, tableOffset: 4)));
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: 0, tableOffset: 1000)));
        Assert.Equal(PlistError.BadTrailer, ErrorOf(RawPlist.Build([[0x09]], top: 0, tableOffset: ulong.MaxValue)));
    }

    [Fact]
    public void Parse_ObjectOffsetIntoHeaderOrTable_IsBadOffset()
    {
        byte[] data = RawPlist.Build([0x09]);
        int table = data.Length - 33;
        data[table] = 3; // inside the header
        Assert.Equal(PlistError.BadOffset, ErrorOf(data));
        data[table] = (byte)table; // the offset table itself
        Assert.Equal(PlistError.BadOffset, ErrorOf(data));
    }

    [Fact]
    public void Parse_ReferenceToMissingObject_IsBadReference()
    {
        Assert.Equal(PlistError.BadReference, ErrorOf(RawPlist.Build([0xA1, 0x05])));
    }

    [Fact]
    public void Parse_ArrayContainingItself_IsCycle()
    {
        Assert.Equal(PlistError.Cycle, ErrorOf(RawPlist.Build([0xA1, 0x00])));
    }

    [Fact]
    public void Parse_IndirectCycleThroughDictionary_IsCycle()
    {
        // 0: {"k": 2}, 1: "k", 2: [0]
        Assert.Equal(PlistError.Cycle, ErrorOf(RawPlist.Build([0xD1, 0x01, 0x02], [0x51, (byte)'k'], [0xA1, 0x00])));
    }

    [Fact]
    public void Parse_SharedObjects_AreDecodedOnce()
    {
        // Object i is [i+1, i+1]: 2^60 paths to the leaf; only memoized decoding finishes.
        const int levels = 60;
        var objects = new List<byte[]>();
        for (int i = 0; i < levels; i++)
        {
            objects.Add([0xA2, (byte)(i + 1), (byte)(i + 1)]);
        }

        objects.Add([0x09]);
        var top = Assert.IsType<List<object?>>(BinaryPlist.Parse(RawPlist.Build(objects.ToArray())));
        Assert.Same(top[0], top[1]);
    }

    [Fact]
    public void Parse_ManyIndexesSharingOneLargeArray_IsRejectedNotQuadratic()
    {
        // Objects 2..K+1 all have the same offset: one array of N references. Decoding each index separately would
        // allocate K × N slots; the payload budget stops it after about one document's worth.
        const int k = 2000;
        const int n = 2000;
        var bytes = new List<byte>("bplist00"u8.ToArray());
        int top = bytes.Count;
        bytes.AddRange([0xAF, 0x11, k >> 8, k & 0xFF]);
        for (int i = 0; i < k; i++)
        {
            bytes.AddRange([(byte)((i + 2) >> 8), (byte)(i + 2)]);
        }

        int zero = bytes.Count;
        bytes.AddRange([0x10, 0x00]);
        int big = bytes.Count;
        bytes.AddRange([0xAF, 0x11, n >> 8, n & 0xFF]);
        for (int i = 0; i < n; i++)
        {
            bytes.AddRange([0x00, 0x01]);
        }

        int table = bytes.Count;
        int[] offsets = [top, zero, .. Enumerable.Repeat(big, k)];
        foreach (int offset in offsets)
        {
            bytes.AddRange([(byte)(offset >> 16), (byte)(offset >> 8), (byte)offset]);
        }

        var trailer = new byte[32];
        trailer[6] = 3;
        trailer[7] = 2;
        BinaryPrimitives.WriteUInt64BigEndian(trailer.AsSpan(8), (ulong)offsets.Length);
        BinaryPrimitives.WriteUInt64BigEndian(trailer.AsSpan(24), (ulong)table);
        bytes.AddRange(trailer);

        Assert.Equal(PlistError.BadCount, ErrorOf(bytes.ToArray()));
    }

    [Fact]
    public void Parse_NestingBeyondMaxDepth_IsTooDeep()
    {
        object? deep = 1L;
        for (int i = 0; i < BinaryPlist.MaxDepth + 5; i++)
        {
            deep = new List<object?> { deep };
        }

        Assert.Equal(PlistError.TooDeep, ErrorOf(BinaryPlistWriter.Write(deep)));
    }

    [Fact]
    public void Parse_NestingAtMaxDepth_Works()
    {
        object? deep = 1L;
        for (int i = 0; i < BinaryPlist.MaxDepth; i++)
        {
            deep = new List<object?> { deep };
        }

        Assert.NotNull(BinaryPlist.Parse(BinaryPlistWriter.Write(deep)));
    }

    [Fact]
    public void Parse_NonStringKey_IsBadKey()
    {
        Assert.Equal(PlistError.BadKey, ErrorOf(RawPlist.Build([0xD1, 0x01, 0x01], [0x10, 0x05])));
    }

    [Fact]
    public void Parse_DuplicateKey_IsDuplicateKey()
    {
        Assert.Equal(PlistError.DuplicateKey, ErrorOf(RawPlist.Build([0xD2, 0x01, 0x01, 0x02, 0x02], [0x51, (byte)'k'], [0x09])));
    }

    [Theory]
    [InlineData(new byte[] { 0x4F, 0x13, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })] // data, count 2^63-1
    [InlineData(new byte[] { 0x5F, 0x13, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })] // string, negative count
    [InlineData(new byte[] { 0x6F, 0x12, 0x7F, 0xFF, 0xFF, 0xFF })]                         // UTF-16, 2^31-1 chars
    [InlineData(new byte[] { 0xAF, 0x12, 0x10, 0x00, 0x00, 0x00 })]                         // array, 2^28 refs
    [InlineData(new byte[] { 0xDF, 0x11, 0xFF, 0xFF })]                                     // dict, 65535 pairs
    [InlineData(new byte[] { 0x4F, 0x23, 0, 0, 0, 0, 0, 0, 0, 0 })]                         // count is not an integer
    [InlineData(new byte[] { 0x4F, 0x14, 0, 0, 0, 0, 0, 0, 0, 0 })]                         // count is a 16-byte integer
    [InlineData(new byte[] { 0x4F })]                                                       // count missing
    [InlineData(new byte[] { 0x45, 0x01 })]                                                 // 5 bytes claimed, 1 present
    [InlineData(new byte[] { 0x13, 0x01, 0x02 })]                                           // 8-byte int, 2 present
    [InlineData(new byte[] { 0x23, 0x01 })]                                                 // double, 1 byte present
    [InlineData(new byte[] { 0x83, 0x01 })]                                                 // 4-byte UID, 1 present
    public void Parse_CountsOrLengthsPastTheObjectArea_AreBadCount(byte[] obj)
    {
        Assert.Equal(PlistError.BadCount, ErrorOf(RawPlist.Build(obj)));
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x0E)]
    [InlineData(0x15)] // 32-byte integer
    [InlineData(0x20)] // 1-byte real
    [InlineData(0x30)] // date other than 0x33
    [InlineData(0x70)] // unused in CoreFoundation's format
    [InlineData(0x90)]
    [InlineData(0xE0)]
    [InlineData(0xF0)]
    public void Parse_UnknownMarker_IsBadMarker(byte marker)
    {
        Assert.Equal(PlistError.BadMarker, ErrorOf(RawPlist.Build([marker, 0, 0, 0, 0, 0, 0, 0, 0])));
    }

    [Fact]
    public void Parse_NonAsciiByteInAsciiString_IsBadValue()
    {
        Assert.Equal(PlistError.BadValue, ErrorOf(RawPlist.Build([0x52, (byte)'a', 0xE9])));
    }

    [Fact]
    public void Parse_UidWiderThan8Bytes_IsBadValue()
    {
        Assert.Equal(PlistError.BadValue, ErrorOf(RawPlist.Build([0x88, 0, 0, 0, 0, 0, 0, 0, 0, 1])));
    }

    [Fact]
    public void Parse_128BitIntegerBeyond64Bits_IsBadValue()
    {
        byte[] obj = new byte[17];
        obj[0] = 0x14;
        obj[8] = 1; // high word = 1
        Assert.Equal(PlistError.BadValue, ErrorOf(RawPlist.Build(obj)));
    }

    [Fact]
    public void Parse_Negative128BitIntegerInRange_IsLong()
    {
        byte[] obj = new byte[17];
        obj[0] = 0x14;
        obj.AsSpan(1).Fill(0xFF); // -1 as 128-bit two's complement
        Assert.Equal(-1L, BinaryPlist.Parse(RawPlist.Build(obj)));
    }

    [Fact]
    public void Parse_DateOutOfRange_IsBadValue()
    {
        byte[] obj = new byte[9];
        obj[0] = 0x33;
        BinaryPrimitives.WriteDoubleBigEndian(obj.AsSpan(1), 1e300);
        Assert.Equal(PlistError.BadValue, ErrorOf(RawPlist.Build(obj)));
        BinaryPrimitives.WriteDoubleBigEndian(obj.AsSpan(1), double.NaN);
        Assert.Equal(PlistError.BadValue, ErrorOf(RawPlist.Build(obj)));
    }

    [Fact]
    public void Parse_FillByte_IsNull()
    {
        Assert.Null(BinaryPlist.Parse(RawPlist.Build([0x0F])));
    }

    [Fact]
    public void Parse_WideOffsetsAndReferences_AreRead()
    {
        // 3-byte offsets and 2-byte refs: legal in CoreFoundation's reader though its writer uses powers of two.
        byte[] data = RawPlist.Build([[0xA1, 0x00, 0x01], [0x10, 0x2A]], top: 0, offsetSize: 3, refSize: 2);
        Assert.Equal([42L], Assert.IsType<List<object?>>(BinaryPlist.Parse(data)));
    }

    [Fact]
    public void PlistFormatException_MessageNamesTheRule()
    {
        var ex = Assert.Throws<PlistFormatException>(() => BinaryPlist.Parse(RawPlist.Build([0xA1, 0x00])));
        Assert.Contains("Cycle", ex.Message);
        Assert.Contains("object 0", ex.Message);
    }
}
