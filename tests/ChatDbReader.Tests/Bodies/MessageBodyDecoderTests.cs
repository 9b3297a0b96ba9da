using LineAgent.ChatDbReader.Bodies;
using LineAgent.ChatDbReader.Tests.TypedStream;
using LineAgent.ChatDbReader.TypedStream;
using LineAgent.FakeChatDb;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.Bodies;

public sealed class MessageBodyDecoderTests
{
    private const string Part = AttributeNames.MessagePart;

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_RealMultiPartBody_SplitsPartsAtPartIndexAndKeepsPlaceholders()
    {
        var body = MessageBodyDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/MultiPart"), null, out var error);

        Assert.Null(error);
        Assert.NotNull(body);
        Assert.Equal("\uFFFCtest 1\uFFFCtest 2 \uFFFCtest 3", body.Text);
        Assert.Equal([0, 1, 2, 3, 4, 5], body.Parts.Select(p => p.Index));
        Assert.Equal(["\uFFFC", "test 1", "\uFFFC", "test 2 ", "\uFFFC", "test 3"], body.Parts.Select(p => p.Text));
        Assert.All(body.Parts.Where(p => p.Text == "\uFFFC"), p => Assert.NotNull(p.AttachmentGuid));
        Assert.All(body.Parts.Where(p => p.Text != "\uFFFC"), p => Assert.Null(p.AttachmentGuid));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_RealAttachmentBody_ReportsTheAttachmentGuid()
    {
        var body = MessageBodyDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/Attachment"), null, out _);

        Assert.NotNull(body);
        var attachment = body.Parts[0];
        Assert.Equal((0, 0, 1), (attachment.Index, attachment.Start, attachment.Length));
        Assert.Equal("at_0_2E5F12C3-E649-48AA-954D-3EA67C016BCC", attachment.AttachmentGuid);
        Assert.Equal(1, body.Parts[1].Index);
        Assert.StartsWith("This is how", body.Parts[1].Text);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_RealMentionBody_ReportsHandleOnTheDisplayName()
    {
        var body = MessageBodyDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/Mention"), "ignored", out _);

        Assert.NotNull(body);
        Assert.Equal(["Test ", "Dad", " "], body.Parts.Select(p => p.Text));
        Assert.Equal([null, "+15558675309", null], body.Parts.Select(p => p.MentionHandle));
        Assert.All(body.Parts, p => Assert.Equal(0, p.Index));
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_RealLinkBody_ReportsTheUrl()
    {
        var body = MessageBodyDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/URL"), null, out _);

        Assert.NotNull(body);
        Assert.Equal("https://github.com/ReagentX/Logria", Assert.Single(body.Parts).Link);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_FormattingOnlyRuns_AreMergedIntoOnePart()
    {
        // 35123 has 22 runs differing in bold/italic/effects; only link (tel:) stretches differ in what BodyPart shows.
        var body = MessageBodyDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/35123"), null, out _);

        Assert.NotNull(body);
        Assert.Equal(body.Text, string.Concat(body.Parts.Select(p => p.Text)));
        Assert.True(body.Parts.Count < 22);
        Assert.Equal("tel:0123456789", body.Parts[0].Link);
        Assert.Equal("0123456789", body.Parts[0].Text);
    }

    [Fact]
    public void Decode_EncodedBodyWithSurrogates_OffsetsAreUtf16()
    {
        const string text = "👍🏽 hi @Ann";
        var runs = new[]
        {
            new EncodedRun(8, new Dictionary<string, object> { [Part] = 0 }),
            new EncodedRun(4, new Dictionary<string, object> { [Part] = 0, [AttributeNames.MentionConfirmedMention] = "ann@example.com" }),
        };

        var body = MessageBodyDecoder.Decode(TypedStreamEncoder.Encode(text, runs), null, out var error);

        Assert.Null(error);
        Assert.NotNull(body);
        var mention = body.Parts[1];
        Assert.Equal((8, 4, "@Ann"), (mention.Start, mention.Length, mention.Text));
        Assert.Equal("ann@example.com", mention.MentionHandle);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_CorruptBlob_FallsBackToTextColumnAndReportsError()
    {
        var body = MessageBodyDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/ExtraData"), "from text", out var error);

        Assert.Equal(TypedStreamError.ExtraData, error);
        Assert.NotNull(body);
        Assert.Equal("from text", body.Text);
        Assert.Equal((0, 0, 9), (body.Parts[0].Index, body.Parts[0].Start, body.Parts[0].Length));
    }

    public static TheoryData<string> CorpusFiles => TypedStreamCorpus.Files(_ => true);

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [MemberData(nameof(CorpusFiles))]
    public void DecodeText_EveryCorpusBlob_GivesDecodesTextAndError(string file)
    {
        var bytes = TypedStreamCorpus.Bytes(file);
        foreach (var fallback in new[] { null, "", "from text" })
        {
            var body = MessageBodyDecoder.Decode(bytes, fallback, out var error);
            Assert.Equal(body?.Text, MessageBodyDecoder.DecodeText(bytes, fallback, out var textError));
            Assert.Equal(error, textError);
        }
    }

    [Fact]
    public void DecodeText_NoBlob_IsTheTextColumn()
    {
        Assert.Null(MessageBodyDecoder.DecodeText(null, null, out var error));
        Assert.Null(error);
        Assert.Equal("plain", MessageBodyDecoder.DecodeText([], "plain", out error));
        Assert.Null(error);
        Assert.Equal("from text", MessageBodyDecoder.DecodeText([1, 2, 3], "from text", out error));
        Assert.Equal(TypedStreamError.BadHeader, error);
        Assert.Equal("from blob", MessageBodyDecoder.DecodeText(TypedStreamEncoder.Encode("from blob"), "from text", out error));
        Assert.Null(error);
    }

    [Fact]
    public void Decode_CorruptBlobWithoutText_ReturnsNullAndReportsError()
    {
        var body = MessageBodyDecoder.Decode([1, 2, 3], null, out var error);

        Assert.Null(body);
        Assert.Equal(TypedStreamError.BadHeader, error);
    }

    [Fact]
    public void Decode_NoBlobAndNoText_ReturnsNullWithoutError()
    {
        Assert.Null(MessageBodyDecoder.Decode(null, null, out var error));
        Assert.Null(error);
        Assert.Null(MessageBodyDecoder.Decode([], null, out error));
        Assert.Null(error);
    }

    [Fact]
    public void Decode_OnlyTextColumn_ReturnsOnePartWithoutError()
    {
        var body = MessageBodyDecoder.Decode(null, "plain", out var error);

        Assert.Null(error);
        Assert.NotNull(body);
        Assert.Equal(new BodyPart(0, 0, 5, "plain", null, null, null), Assert.Single(body.Parts));
    }

    [Fact]
    public void Decode_BlobAndTextColumn_PrefersTheBlob()
    {
        var body = MessageBodyDecoder.Decode(TypedStreamEncoder.Encode("from blob"), "from text", out var error);

        Assert.Null(error);
        Assert.Equal("from blob", body?.Text);
    }

    [Fact]
    public void Decode_RunWithoutPartIndex_ContinuesThePreviousIndex()
    {
        var runs = new[]
        {
            new EncodedRun(1, new Dictionary<string, object> { [Part] = 3 }),
            new EncodedRun(1, new Dictionary<string, object> { [AttributeNames.Link] = new Uri("https://a.example/") }),
        };

        var body = MessageBodyDecoder.Decode(TypedStreamEncoder.Encode("ab", runs), null, out _);

        Assert.NotNull(body);
        Assert.Equal([3, 3], body.Parts.Select(p => p.Index));
        Assert.Equal("https://a.example/", body.Parts[1].Link);
    }
}
