using System.Text.Json;
using LineAgent.ChatDbReader.TypedStream;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.TypedStream;

/// <summary>Every real message body in the corpus decodes to the text, runs and attribute values recorded for it.</summary>
public sealed class TypedStreamCorpusTests
{
    public static TheoryData<string> AttributedBodies => TypedStreamCorpus.Files(TypedStreamCorpus.IsAttributedBody);

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [MemberData(nameof(AttributedBodies))]
    public void Decode_CorpusBody_MatchesExpectedTextRunsAndAttributes(string file)
    {
        var expected = TypedStreamCorpus.Entry(file);

        var decoded = TypedStreamDecoder.Decode(TypedStreamCorpus.Bytes(file));

        Assert.Equal(expected.Text, decoded.Text);
        Assert.Equal(expected.Utf16Length, decoded.Text.Length);
        Assert.Equal(expected.Runs.Count, decoded.Runs.Count);
        var start = 0;
        for (var i = 0; i < expected.Runs.Count; i++)
        {
            var run = decoded.Runs[i];
            Assert.Equal(start, run.Start);
            Assert.Equal(expected.Runs[i].Utf16Length, run.Length);
            AssertAttributes(expected.Runs[i].Attributes, run.Attributes, $"{file} run {i}");
            start += run.Length;
        }
    }

    [SharedTheory(SharedMaterial.TypedStreamCorpus)]
    [MemberData(nameof(AttributedBodies))]
    public void Decode_CorpusBody_RunsThatShareADictionaryIndexShareTheInstance(string file)
    {
        var expected = TypedStreamCorpus.Entry(file);
        var decoded = TypedStreamDecoder.Decode(TypedStreamCorpus.Bytes(file));

        for (var i = 0; i < expected.Runs.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (expected.Runs[i].DictIndex == expected.Runs[j].DictIndex)
                {
                    Assert.Same(decoded.Runs[j].Attributes, decoded.Runs[i].Attributes);
                }
            }
        }
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_CorpusBodiesOnManyThreads_GivesTheSameResultsAsSequentially()
    {
        // The decoder reuses its table arrays per thread; decodes on other threads and earlier failures must not leak in.
        var files = TypedStreamCorpus.All.Where(TypedStreamCorpus.IsAttributedBody).Select(e => e.File).ToArray();
        var blobs = files.Select(TypedStreamCorpus.Bytes).ToArray();
        var corrupt = TypedStreamCorpus.Bytes("crabstep/src/test_data/ExtraData");
        var expected = blobs.Select(b => Describe(TypedStreamDecoder.Decode(b))).ToArray();
        Assert.NotEmpty(expected);

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, blobs.Length * 50, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var k = i % blobs.Length;
            Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.Decode(corrupt));
            if (Describe(TypedStreamDecoder.Decode(blobs[k])) != expected[k])
            {
                mismatches.Add(files[k]);
            }
        });

        Assert.Empty(mismatches);
    }

    private static string Describe(AttributedString s) =>
        s.Text + "|" + string.Join(";", s.Runs.Select(r =>
            $"{r.Start},{r.Length}:" + string.Join(",", r.Attributes.Select(a => $"{a.Key}={FormatValue(a.Value)}"))));

    private static string FormatValue(object? value) => value switch
    {
        byte[] b => Convert.ToHexString(b),
        IReadOnlyDictionary<string, object?> d => "{" + string.Join(",", d.Select(a => $"{a.Key}={FormatValue(a.Value)}")) + "}",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_ExtraDataVector_ThrowsExtraData()
    {
        // Declared text length 157 (0x81 0x9d 0x00) but only 120 bytes follow, and the blob otherwise ends like a
        // complete archive: the length disagrees with the content.
        var ex = Assert.Throws<TypedStreamFormatException>(
            () => TypedStreamDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/ExtraData")));

        Assert.Equal(TypedStreamError.ExtraData, ex.Error);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_CorpusBlank_ReturnsEmptyTextWithoutRuns()
    {
        var decoded = TypedStreamDecoder.Decode(TypedStreamCorpus.Bytes("crabstep/src/test_data/Blank"));

        Assert.Equal("", decoded.Text);
        Assert.Empty(decoded.Runs);
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_HugeWithRefs_IsNotAnAttributedStringButDecodesGenerically()
    {
        var bytes = TypedStreamCorpus.Bytes("crabstep/src/test_data/HugeWithRefs");

        var ex = Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.Decode(bytes));
        Assert.Equal(TypedStreamError.NotAttributedString, ex.Error);

        var root = Assert.IsType<object?[]>(TypedStreamDecoder.DecodeObject(bytes));
        Assert.NotEmpty(root);
    }

    private static void AssertAttributes(JsonElement expected, IReadOnlyDictionary<string, object?> actual, string where)
    {
        var names = expected.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(names, actual.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList());
        foreach (var property in expected.EnumerateObject())
        {
            AssertValue(property.Value, actual[property.Name], $"{where} {property.Name}");
        }
    }

    private static void AssertValue(JsonElement expected, object? actual, string where)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.String:
                Assert.Equal(expected.GetString(), Assert.IsType<string>(actual));
                break;
            case JsonValueKind.Number when expected.GetRawText().Contains('.'):
                Assert.Equal(expected.GetDouble(), Assert.IsType<double>(actual));
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.GetInt64(), Assert.IsType<long>(actual));
                break;
            case JsonValueKind.Object when expected.TryGetProperty("NSURL", out var url):
                Assert.Equal(url.GetString(), Assert.IsType<TypedStreamUrl>(actual).Value);
                break;
            case JsonValueKind.Object when expected.TryGetProperty("NSData_len", out var length):
                Assert.Equal(length.GetInt32(), Assert.IsType<byte[]>(actual).Length);
                break;
            case JsonValueKind.Object:
                var dictionary = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(actual);
                AssertAttributes(expected, dictionary, where);
                break;
            default:
                Assert.Fail($"{where}: unexpected expected-value kind {expected.ValueKind}");
                break;
        }
    }
}
