using LineAgent.ChatDbReader.TypedStream;
using LineAgent.FakeChatDb;
using static LineAgent.ChatDbReader.Tests.TypedStream.ArchiveBytes;

namespace LineAgent.ChatDbReader.Tests.TypedStream;

/// <summary>Malformed archives end in a <see cref="TypedStreamFormatException"/> naming the broken rule.</summary>
public sealed class TypedStreamMalformedInputTests
{
    private const byte NewTag = 0x84, Nil = 0x85, End = 0x86;

    private static TypedStreamError ErrorOf(byte[] data) =>
        Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.DecodeObject(data)).Error;

    [Fact]
    public void DecodeObject_EmptyOrShortInput_IsTruncated()
    {
        Assert.Equal(TypedStreamError.Truncated, ErrorOf([]));
        Assert.Equal(TypedStreamError.Truncated, ErrorOf([4]));
        Assert.Equal(TypedStreamError.Truncated, ErrorOf(Header));
    }

    [Fact]
    public void DecodeObject_WrongVersionOrSignature_IsBadHeader()
    {
        var wrongVersion = Header.ToArray();
        wrongVersion[0] = 5;
        var bigEndian = Header.ToArray();
        "typedstream"u8.CopyTo(bigEndian.AsSpan(2));

        Assert.Equal(TypedStreamError.BadHeader, ErrorOf(wrongVersion));
        Assert.Equal(TypedStreamError.BadHeader, ErrorOf(bigEndian));
        Assert.Equal(TypedStreamError.BadHeader, ErrorOf("bplist00 not a typedstream"u8.ToArray()));
    }

    [Fact]
    public void Decode_TrailingByteAfterRoot_IsExtraData()
    {
        byte[] data = [.. TypedStreamEncoder.Encode("hi"), 0x00];

        var ex = Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.Decode(data));

        Assert.Equal(TypedStreamError.ExtraData, ex.Error);
        Assert.Equal(data.Length - 1, ex.Offset);
    }

    [Fact]
    public void Decode_RootThatIsAPlainString_IsNotAttributedString()
    {
        var data = Archive(New("@"), NewTag, Class("NSString", 1), Nil, New("+"), 2, "hi", End);

        Assert.Equal("hi", TypedStreamDecoder.DecodeObject(data));
        Assert.Equal(TypedStreamError.NotAttributedString,
            Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.Decode(data)).Error);
    }

    [Fact]
    public void DecodeObject_RootGroupNotAnObject_IsBadObjectLayout()
    {
        Assert.Equal(TypedStreamError.BadObjectLayout, ErrorOf(Archive(New("i"), 1)));
    }

    [Fact]
    public void DecodeObject_ReferenceToUnseenSlot_IsBadReference()
    {
        Assert.Equal(TypedStreamError.BadReference, ErrorOf(Archive(New("@"), 0xa0)));
        Assert.Equal(TypedStreamError.BadReference, ErrorOf(Archive(0x93)));            // type string S1 of 1 entries
    }

    [Fact]
    public void DecodeObject_HugeDeclaredStringLength_IsTruncatedWithoutAllocating()
    {
        var data = Archive(New("@"), NewTag, Class("NSString", 1), Nil, New("+"), 0x82, 0xff, 0xff, 0xff, 0x7f, "abc");

        Assert.Equal(TypedStreamError.Truncated, ErrorOf(data));
    }

    [Fact]
    public void DecodeObject_HugeDictionaryCount_IsRejectedBeforeAllocating()
    {
        var data = Archive(New("@"), NewTag, Class("NSDictionary", 0), Nil, New("i"), 0x82, 0xff, 0xff, 0xff, 0x7f, 0x92);

        Assert.Equal(TypedStreamError.Truncated, ErrorOf(data));
    }

    [Fact]
    public void DecodeObject_NegativeCount_IsBadLength()
    {
        var data = Archive(New("@"), NewTag, Class("NSArray", 0), Nil, New("i"), 0xff, End);

        Assert.Equal(TypedStreamError.BadLength, ErrorOf(data));
    }

    [Fact]
    public void DecodeObject_ArraysNestedThousandsDeep_IsTooDeepNotStackOverflow()
    {
        // O0 = outer array, O1 = NSArray class, O2 = NSObject; S0 "@", S1 NSArray, S2 NSObject, S3 "i".
        var pieces = new List<object> { New("@"), NewTag, Class("NSArray", 0), Class("NSObject", 0), Nil, New("i"), 1, 0x92 };
        for (var i = 0; i < 5000; i++)
        {
            pieces.AddRange([NewTag, 0x93, 0x95, 1, 0x92]);
        }

        pieces.Add(Nil);
        pieces.AddRange(Enumerable.Repeat<object>(End, 5001));

        Assert.Equal(TypedStreamError.TooDeep, ErrorOf(Archive([.. pieces])));
    }

    [Fact]
    public void DecodeObject_TypeEncodingNestedThousandsDeep_IsTooDeep()
    {
        var type = string.Concat(Enumerable.Repeat("{a=", 2000)) + new string('}', 2000);
        byte[] typeString = [NewTag, 0x81, .. BitConverter.GetBytes((short)type.Length), .. System.Text.Encoding.ASCII.GetBytes(type)];

        Assert.Equal(TypedStreamError.TooDeep, ErrorOf(Archive(New("@"), NewTag, Class("Foo", 0), Nil, typeString, End, End)));
    }

    [Fact]
    public void DecodeObject_ObjectAndStructNestingTogether_AreBoundedAsOneDepth()
    {
        // Each Foo holds a struct nested 20 deep whose innermost field is another Foo: 10 objects × 20 structs would be
        // 200 native frames; object and type nesting share one bound, so this stops early.
        var type = string.Concat(Enumerable.Repeat("{a=", 20)) + "@" + new string('}', 20);
        var pieces = new List<object> { New("@"), NewTag, Class("Foo", 0), Nil, New(type) };
        for (var i = 0; i < 10; i++)
        {
            pieces.AddRange([NewTag, 0x93, 0x94]); // NEW object, class Foo (O1), type string S2
        }

        pieces.Add(Nil);
        pieces.AddRange(Enumerable.Repeat<object>(End, 11));

        Assert.Equal(TypedStreamError.TooDeep, ErrorOf(Archive([.. pieces])));
    }

    [Theory]
    [InlineData("[2{}]")]        // elements that occupy no bytes would let a tiny input loop forever
    [InlineData("[5]")]
    [InlineData("[x]")]
    [InlineData("^i")]
    [InlineData("i(")]
    public void DecodeObject_UnreadableTypeEncoding_IsBadTypeEncoding(string type)
    {
        Assert.Equal(TypedStreamError.BadTypeEncoding, ErrorOf(Archive(New("@"), NewTag, Class("Foo", 0), Nil, New(type), 1, 2, 3, End, End)));
    }

    [Fact]
    public void DecodeObject_ArrayTypeLongerThanInput_IsExtraData()
    {
        // The input ends with end-of-object, so the count (not the input) is what is wrong.
        Assert.Equal(TypedStreamError.ExtraData, ErrorOf(Archive(New("@"), NewTag, Class("Foo", 0), Nil, New("[2000000000i]"), 1, End, End)));
    }

    [Fact]
    public void DecodeObject_ArrayContainingItself_YieldsNullForTheCycle()
    {
        var data = Archive(New("@"), NewTag, Class("NSArray", 0), Class("NSObject", 0), Nil, New("i"), 1, 0x92, 0x92, End);

        Assert.Equal(new object?[] { null }, TypedStreamDecoder.DecodeObject(data));
    }

    [Fact]
    public void DecodeObject_UnknownClass_IsReadStructurally()
    {
        var data = Archive(New("@"), NewTag, Class("IMFancyThing", 3), Class("NSObject", 0), Nil,
            New("i"), 5, New("@"), NewTag, Class("NSString", 1), 0x94, New("+"), 1, "x", End, New("[2c]"), 7, 8, End);

        var value = Assert.IsType<TypedStreamObject>(TypedStreamDecoder.DecodeObject(data));

        Assert.Equal("IMFancyThing", value.ClassName);
        Assert.Equal(3, value.Fields.Count);
        Assert.Equal(5L, value.Fields[0]);
        Assert.Equal("x", value.Fields[1]);
        Assert.Equal(new byte[] { 7, 8 }, value.Fields[2]);
    }

    [Fact]
    public void DecodeObject_IgnoredFieldType_TakesNoBytes()
    {
        // "!" marks a field NSArchiver skips: the type is archived, the value is not.
        var data = Archive(New("@"), NewTag, Class("Foo", 0), Nil, New("!i"), 7, End);

        var value = Assert.IsType<TypedStreamObject>(TypedStreamDecoder.DecodeObject(data));

        Assert.Equal(new object?[] { null, 7L }, value.Fields);
    }

    [Fact]
    public void DecodeObject_NSValueRange_ReturnsEncodingAndStructFields()
    {
        // S: 0 "@", 1 NSValue, 2 NSObject, 3 "*", 4 "{_NSRange=QQ}"; the C string's body is S4, the group type refers to it.
        var data = Archive(New("@"), NewTag, Class("NSValue", 0), Class("NSObject", 0), Nil,
            New("*"), NewTag, New("{_NSRange=QQ}"), 0x96, 5, 10, End);

        var value = Assert.IsType<TypedStreamObject>(TypedStreamDecoder.DecodeObject(data));

        Assert.Equal("NSValue", value.ClassName);
        Assert.Equal("{_NSRange=QQ}", value.Fields[0]);
        Assert.Equal(new object?[] { 5L, 10L }, Assert.IsAssignableFrom<IEnumerable<object?>>(value.Fields[1]));
    }

    [Fact]
    public void Decode_RunsNotCoveringTheText_IsBadObjectLayout()
    {
        var data = TypedStreamEncoder.Encode("abc");
        var iI = data.AsSpan().IndexOf("iI"u8);
        data[iI + 3] = 2; // run length 3 → 2

        Assert.Equal(TypedStreamError.BadObjectLayout,
            Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.Decode(data)).Error);
    }

    [Fact]
    public void Decode_RunNamingAnUnreadDictionary_IsBadObjectLayout()
    {
        var data = TypedStreamEncoder.Encode("abc");
        var iI = data.AsSpan().IndexOf("iI"u8);
        data[iI + 2] = 5; // dictionary number 1 → 5

        Assert.Equal(TypedStreamError.BadObjectLayout,
            Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.Decode(data)).Error);
    }
}
