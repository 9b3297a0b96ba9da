using LineAgent.ChatDbReader.TypedStream;
using LineAgent.FakeChatDb;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.TypedStream;

/// <summary>
/// The fixture encoder writes what Messages writes (byte-identical to real corpus bodies where the input is known)
/// and everything it writes decodes back to the same text, runs and values.
/// </summary>
public sealed class TypedStreamEncoderTests
{
    private const string Part = AttributeNames.MessagePart;

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Encode_DefaultRun_IsByteIdenticalToRealMutableBody()
    {
        var encoded = TypedStreamEncoder.Encode("Noter test");

        Assert.Equal(TypedStreamCorpus.Bytes("crabstep/src/test_data/AttributedBodyTextOnly"), encoded);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Encode_ImmutableRootWithWritingDirection_IsByteIdenticalToRealBody()
    {
        var runs = new[]
        {
            new EncodedRun(6, new Dictionary<string, object> { [AttributeNames.BaseWritingDirection] = -1L, [Part] = 0L }),
        };

        var encoded = TypedStreamEncoder.Encode("Test 3", runs, mutableRoot: false);

        Assert.Equal(TypedStreamCorpus.Bytes("crabstep/src/test_data/AttributedBodyTextOnly2"), encoded);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Encode_EmptyText_IsByteIdenticalToRealBlankBody()
    {
        var encoded = TypedStreamEncoder.Encode("", null, mutableRoot: false);

        Assert.Equal(TypedStreamCorpus.Bytes("crabstep/src/test_data/Blank"), encoded);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("🅱️ emoji 👨‍👩‍👧 and 𝖍𝖊𝖑𝖑𝖔")]
    [InlineData("مرحبا بالعالم RTL")]
    [InlineData("contains ↄ (E2 86 84) and \0 and \uFFFC")]
    public void Encode_DefaultRun_RoundTripsTextAndPartZero(string text)
    {
        var decoded = TypedStreamDecoder.Decode(TypedStreamEncoder.Encode(text));

        Assert.Equal(text, decoded.Text);
        if (text.Length == 0)
        {
            Assert.Empty(decoded.Runs);
            return;
        }

        var run = Assert.Single(decoded.Runs);
        Assert.Equal((0, text.Length), (run.Start, run.Length));
        Assert.Equal(0L, run.Attributes[Part]);
    }

    [Theory]
    [InlineData(127)]      // 1-byte length
    [InlineData(128)]      // first 0x81 length
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(20_000)]
    [InlineData(40_000)]   // above int16: 0x82 length
    public void Encode_LongText_RoundTripsWithWideLengths(int length)
    {
        var text = string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        var decoded = TypedStreamDecoder.Decode(TypedStreamEncoder.Encode(text));

        Assert.Equal(text, decoded.Text);
        Assert.Equal(length, Assert.Single(decoded.Runs).Length);
    }

    [Fact]
    public void Encode_SurrogatePairsAcrossRuns_RunLengthsAreUtf16Units()
    {
        const string text = "🅱️Bold_Underline"; // U+1F171 is two UTF-16 units, U+FE0F one: 3 units, 7 UTF-8 bytes
        var runs = new[]
        {
            new EncodedRun(3, new Dictionary<string, object> { [Part] = 0, [AttributeNames.TextBold] = 1 }),
            new EncodedRun(14, new Dictionary<string, object> { [Part] = 0, [AttributeNames.TextUnderline] = 1 }),
        };

        var decoded = TypedStreamDecoder.Decode(TypedStreamEncoder.Encode(text, runs));

        Assert.Equal(text, decoded.Text);
        Assert.Equal([(0, 3), (3, 14)], decoded.Runs.Select(r => (r.Start, r.Length)));
        Assert.Equal("🅱️", decoded.Text.Substring(decoded.Runs[0].Start, decoded.Runs[0].Length));
        Assert.Equal(1L, decoded.Runs[0].Attributes[AttributeNames.TextBold]);
        Assert.Equal(1L, decoded.Runs[1].Attributes[AttributeNames.TextUnderline]);
    }

    [Fact]
    public void Encode_MultiplePartsAttachmentsMentionAndLink_RoundTripEveryValue()
    {
        const string text = "\uFFFChi Dad see https://example.com/x\uFFFC";
        var runs = new[]
        {
            new EncodedRun(1, new Dictionary<string, object>
            {
                [AttributeNames.FileTransferGuid] = "at_0_2E5F12C3-E649-48AA-954D-3EA67C016BCC",
                [AttributeNames.Filename] = "IMG_0001.HEIC",
                [AttributeNames.InlineMediaWidth] = 952.0,
                [AttributeNames.InlineMediaHeight] = 1139.5,
                [Part] = 0,
            }),
            new EncodedRun(3, new Dictionary<string, object> { [Part] = 1 }),
            new EncodedRun(3, new Dictionary<string, object> { [Part] = 1, [AttributeNames.MentionConfirmedMention] = "+15558675309" }),
            new EncodedRun(5, new Dictionary<string, object> { [Part] = 1 }),
            new EncodedRun(21, new Dictionary<string, object>
            {
                [Part] = 1,
                [AttributeNames.Link] = new Uri("https://example.com/x"),
                [AttributeNames.LinkIsRichLink] = true,
                [AttributeNames.DataDetected] = new byte[] { 0x62, 0x70, 0x6c, 0x69, 0x73, 0x74, 0x30, 0x30, 0, 255 },
            }),
            new EncodedRun(1, new Dictionary<string, object>
            {
                [AttributeNames.FileTransferGuid] = "at_2_F0B18A15-E9A5-4B18-A38F-685B7B3FF037",
                [Part] = 2,
                [AttributeNames.OneTimeCode] = new Dictionary<string, object> { ["code"] = "000123", ["displayCode"] = "000123" },
            }),
        };

        var decoded = TypedStreamDecoder.Decode(TypedStreamEncoder.Encode(text, runs));

        Assert.Equal(text, decoded.Text);
        Assert.Equal(runs.Length, decoded.Runs.Count);
        Assert.Same(decoded.Runs[1].Attributes, decoded.Runs[3].Attributes); // equal attributes share one dictionary
        var first = decoded.Runs[0].Attributes;
        Assert.Equal("at_0_2E5F12C3-E649-48AA-954D-3EA67C016BCC", first[AttributeNames.FileTransferGuid]);
        Assert.Equal("IMG_0001.HEIC", first[AttributeNames.Filename]);
        Assert.Equal(952.0, first[AttributeNames.InlineMediaWidth]);
        Assert.Equal(1139.5, first[AttributeNames.InlineMediaHeight]);
        Assert.Equal("+15558675309", decoded.Runs[2].Attributes[AttributeNames.MentionConfirmedMention]);
        Assert.Equal("Dad", decoded.Text.Substring(decoded.Runs[2].Start, decoded.Runs[2].Length));
        var link = decoded.Runs[4].Attributes;
        Assert.Equal("https://example.com/x", Assert.IsType<TypedStreamUrl>(link[AttributeNames.Link]).Value);
        Assert.Equal(1L, link[AttributeNames.LinkIsRichLink]);
        Assert.Equal(new byte[] { 0x62, 0x70, 0x6c, 0x69, 0x73, 0x74, 0x30, 0x30, 0, 255 }, link[AttributeNames.DataDetected]);
        var last = decoded.Runs[5].Attributes;
        Assert.Equal(2L, last[Part]);
        var code = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(last[AttributeNames.OneTimeCode]);
        Assert.Equal("000123", code["displayCode"]);
    }

    [Fact]
    public void Encode_ManyDistinctRuns_UsesWideReferencesAndStillRoundTrips()
    {
        // 300 distinct dictionaries push both tables past 238 entries, where references need the 0x81 form.
        var text = new string('x', 300);
        var runs = Enumerable.Range(0, 300)
            .Select(i => new EncodedRun(1, new Dictionary<string, object> { [Part] = i, ["k" + i] = "v" + i }))
            .ToArray();

        var decoded = TypedStreamDecoder.Decode(TypedStreamEncoder.Encode(text, runs));

        Assert.Equal(300, decoded.Runs.Count);
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal((long)i, decoded.Runs[i].Attributes[Part]);
            Assert.Equal("v" + i, decoded.Runs[i].Attributes["k" + i]);
        }
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(int.MinValue - 1L)]
    [InlineData(-32769)]
    [InlineData(-111)]
    [InlineData(-110)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(32768)]
    [InlineData(long.MaxValue)]
    public void Encode_IntegerBoundaries_RoundTripExactly(long value)
    {
        var runs = new[] { new EncodedRun(1, new Dictionary<string, object> { ["n"] = value, ["d"] = (double)value / 3 }) };

        var decoded = TypedStreamDecoder.Decode(TypedStreamEncoder.Encode("x", runs));

        Assert.Equal(value, decoded.Runs[0].Attributes["n"]);
        Assert.Equal((double)value / 3, decoded.Runs[0].Attributes["d"]);
    }

    [Fact]
    public void Part_BuildsTheAttributesMessagesWritesForAttachmentsMentionsAndLinks()
    {
        const string text = "\uFFFCHi Bo https://a.example/";
        EncodedRun[] runs =
        [
            EncodedRun.Part(1, 0, attachmentGuid: "at_0_GUID"),
            EncodedRun.Part(3, 1),
            EncodedRun.Part(2, 1, mentionHandle: "bo@example.com"),
            EncodedRun.Part(1, 1),
            EncodedRun.Part(18, 1, link: new Uri("https://a.example/")),
        ];

        var decoded = TypedStreamDecoder.Decode(TypedStreamEncoder.Encode(text, runs));

        Assert.Equal("at_0_GUID", decoded.Runs[0].Attributes[AttributeNames.FileTransferGuid]);
        Assert.Equal(new object?[] { 0L, 1L, 1L, 1L, 1L }, decoded.Runs.Select(r => r.Attributes[Part]));
        Assert.Same(decoded.Runs[1].Attributes, decoded.Runs[3].Attributes);
        Assert.Equal("bo@example.com", decoded.Runs[2].Attributes[AttributeNames.MentionConfirmedMention]);
        Assert.Equal("https://a.example/", decoded.Runs[4].Attributes[AttributeNames.Link]?.ToString());
    }

    [Fact]
    public void Encode_RunLengthsNotCoveringText_IsRejected()
    {
        var runs = new[] { new EncodedRun(2, new Dictionary<string, object> { [Part] = 0 }) };

        Assert.Throws<ArgumentException>(() => TypedStreamEncoder.Encode("abc", runs));
    }
}
