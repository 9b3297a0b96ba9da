using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LineAgent.Agent.Events;

namespace LineAgent.Agent.Tests.Events;

/// <summary>
/// <see cref="JsonLineWriter"/> writes the bytes <see cref="Utf8JsonWriter"/> writes with the export's encoder, value
/// by value: every string (from UTF-16 and from valid UTF-8) on every kind of character the encoder treats apart —
/// controls, DEL, quotes, backslashes, HTML-sensitive ASCII, non-ASCII letters, line and paragraph separators,
/// unassigned and private-use code points, non-characters, emoji, lone surrogates — at every position around the
/// 16-byte blocks its plain-ASCII check reads; numbers at their extremes; and lines past a chunk.
/// </summary>
public sealed class JsonLineWriterTests
{
    private static readonly string[] Pieces =
    [
        "a", "Z", "0", " ", "~", "\"", "\\", "/", "<", ">", "&", "'", "+", "`", "\0", "\u0001", "\t", "\n", "\r", "\b",
        "\f", "\u001F", "\u007F", "\u0080", "\u00A0", "\u00E9", "\u00AD", "\u0378", "\u061C", "\u200B", "\u200D",
        "\u2028", "\u2029", "\u2019", "\u3042", "\uE000", "\uFDD0", "\uFEFF", "\uFFFD", "\uFFFE", "\uFFFF",
        "\U0001F600", "\U0001F44D\U0001F3FD", "\U0010FFFF", "\U000E0001", "\uD800", "\uDFFF", "\uDC00\uD800",
    ];

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 8));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Strings_AreWrittenAsTheWriterWritesThem(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < 2_000; n++)
        {
            // Mostly plain ASCII with one or two other pieces at any offset, as real texts are; sometimes anything.
            var text = new StringBuilder();
            var length = random.Next(0, n % 10 == 0 ? 200 : 40);
            for (var i = 0; i < length; i++)
                text.Append(random.Next(8) == 0 ? Pieces[random.Next(Pieces.Length)] : (char)random.Next(0x20, 0x7F));
            var value = text.ToString();

            Assert.Equal(Expected(w => w.WriteStringValue(value)), Actual(w => w.String(value)));
            if (!HasLoneSurrogate(value))    // valid UTF-8 only: the bulk reader passes nothing else as bytes
            {
                var utf8 = Encoding.UTF8.GetBytes(value);
                Assert.Equal(Expected(w => w.WriteStringValue(utf8)), Actual(w => w.String(utf8)));
            }
        }
    }

    [Fact]
    public void EveryBmpCharacterAndEveryPlane_IsWrittenAsTheWriterWritesIt()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var value = "x" + (char)c + "y";
            Assert.Equal(Expected(w => w.WriteStringValue(value)), Actual(w => w.String(value)));
            if (c is < 0xD800 or > 0xDFFF)
            {
                var utf8 = Encoding.UTF8.GetBytes(value);
                Assert.Equal(Expected(w => w.WriteStringValue(utf8)), Actual(w => w.String(utf8)));
            }
        }
        for (var plane = 1; plane <= 16; plane++)
        {
            var value = char.ConvertFromUtf32(plane * 0x10000 + 0x1F600 % 0x10000);
            Assert.Equal(Expected(w => w.WriteStringValue(value)), Actual(w => w.String(value)));
            Assert.Equal(Expected(w => w.WriteStringValue(Encoding.UTF8.GetBytes(value))), Actual(w => w.String(Encoding.UTF8.GetBytes(value))));
        }
    }

    [Fact]
    public void Numbers_LiteralsAndNull_AreWrittenAsTheWriterWritesThem()
    {
        foreach (var n in new[] { 0L, 1, -1, 9, 10, long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, 1234567890123 })
            Assert.Equal(Expected(w => w.WriteNumberValue(n)), Actual(w => w.Number(n)));
        Assert.Equal(Expected(w => w.WriteBooleanValue(true)), Actual(w => w.Boolean(true)));
        Assert.Equal(Expected(w => w.WriteBooleanValue(false)), Actual(w => w.Boolean(false)));
        Assert.Equal(Expected(w => w.WriteNullValue()), Actual(w => w.Null()));
        Assert.Equal(Expected(w => w.WriteNullValue()), Actual(w => w.String((string?)null)));
        Assert.Equal(",\"threadOriginatorGuid\":"u8.ToArray(), JsonLineWriter.Key("threadOriginatorGuid"));
        Assert.Equal("\"rowid\":"u8.ToArray(), JsonLineWriter.Key("rowid", first: true));
    }

    [Fact]
    public void Lines_GoOutWhole_InChunks_AndAHugeValueGrowsTheBuffer()
    {
        using var stream = new WriteCountingStream();
        var huge = new string('\n', 1_000_000);          // 6 MB escaped: far past the buffer
        using (var writer = new JsonLineWriter(stream))
        {
            for (var i = 0; i < 10_000; i++)
            {
                writer.String(i == 5_000 ? huge : "line " + i);
                writer.EndLine();
            }
            writer.Flush();
        }
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.Equal(10_001, lines.Length);
        Assert.Equal("\"line 4999\"", lines[4_999]);
        Assert.Equal(huge, JsonSerializer.Deserialize<string>(lines[5_000]));
        Assert.Equal("\"line 9999\"", lines[9_999]);
        // Each write but the last ends a line and carries at least a chunk: one write() per chunk, not per line.
        Assert.All(stream.Writes.SkipLast(1), w => Assert.True(w.Length >= JsonLineWriter.Chunk && w[^1] == '\n'));
        Assert.InRange(stream.Writes.Count, 2, stream.Length / JsonLineWriter.Chunk + 1);
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                return true;
        }
        return false;
    }

    private static byte[] Expected(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
            write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Actual(Action<JsonLineWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new JsonLineWriter(stream))
        {
            write(writer);
            writer.Flush();
        }
        return stream.ToArray();
    }

    private sealed class WriteCountingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes.Add(buffer.AsSpan(offset, count).ToArray());
            base.Write(buffer, offset, count);
        }
    }
}
