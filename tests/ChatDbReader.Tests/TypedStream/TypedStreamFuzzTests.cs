using LineAgent.ChatDbReader.Bodies;
using LineAgent.ChatDbReader.TypedStream;
using LineAgent.FakeChatDb;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.TypedStream;

/// <summary>
/// Deterministic mutation fuzzing: thousands of corrupted real and encoder-made archives. The decoder may succeed or
/// throw <see cref="TypedStreamFormatException"/>, nothing else; its allocations stay proportional to the input.
/// </summary>
public sealed class TypedStreamFuzzTests
{
    private const int Seed = 20261126;
    private const int Iterations = 12_000;

    // Generous hang detector (the run normally takes about a second): a decoder loop fails the test instead of the CI job.
    [SharedFact(SharedMaterial.TypedStreamCorpus, Timeout = 300_000)]
    public async Task Decode_MutatedArchives_OnlySucceedOrThrowFormatException()
    {
        var seeds = SeedArchives();
        var failures = await Task.Run(() => Run(seeds));

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static List<string> Run(IReadOnlyList<byte[]> seeds)
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var (kind, data) = Mutate(random, seeds);
            var before = GC.GetAllocatedBytesForCurrentThread();
            string outcome;
            try
            {
                TypedStreamError? expectedError = null;
                string? expectedText = "fallback";
                try
                {
                    var root = TypedStreamDecoder.DecodeObject(data);
                    outcome = "ok";
                    if (root is AttributedString attributed)
                    {
                        expectedText = attributed.Text;
                    }
                    else
                    {
                        expectedError = TypedStreamError.NotAttributedString;
                    }
                }
                catch (TypedStreamFormatException ex)
                {
                    outcome = ex.Error.ToString();
                    expectedError = data.Length == 0 ? null : ex.Error; // an empty blob counts as absent
                }

                // The body decoder must never throw either, and must agree with the decoder.
                var body = MessageBodyDecoder.Decode(data, "fallback", out var error);
                if (body?.Text != expectedText || error != expectedError)
                {
                    failures.Add($"iteration {iteration} ({kind}): body decoder gave ({body?.Text}, {error}), expected ({expectedText}, {expectedError})");
                }
                // Its text alone (the export's, without parts) likewise.
                var text = MessageBodyDecoder.DecodeText(data, "fallback", out var textError);
                if (text != expectedText || textError != expectedError)
                {
                    failures.Add($"iteration {iteration} ({kind}): text decoder gave ({text}, {textError}), expected ({expectedText}, {expectedError})");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"iteration {iteration} ({kind}): {ex.GetType().Name}: {ex.Message}\n  input {Convert.ToHexString(data)}");
                continue;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var budget = (64L * data.Length) + 256 * 1024;
            if (allocated > budget)
            {
                failures.Add($"iteration {iteration} ({kind}): allocated {allocated} bytes for a {data.Length}-byte input");
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // The mutations must actually exercise both paths, or the test proves nothing.
        if (outcomes.GetValueOrDefault("ok") == 0 || outcomes.Count < 5)
        {
            failures.Add("mutations did not reach enough outcomes: " + string.Join(", ", outcomes));
        }

        return failures;
    }

    private static IReadOnlyList<byte[]> SeedArchives()
    {
        var folder = TypedStreamCorpus.RequireFolder();
        var seeds = Directory.EnumerateFiles(Path.Combine(folder, "crabstep", "src", "test_data"), "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToList();
        seeds.Add(TypedStreamEncoder.Encode("hello 👋🏽 world"));
        seeds.Add(TypedStreamEncoder.Encode(new string('x', 300)));
        seeds.Add(TypedStreamEncoder.Encode("\uFFFCa@b", [
            new EncodedRun(1, new Dictionary<string, object> { ["__kIMFileTransferGUIDAttributeName"] = "at_0_X", ["__kIMMessagePartAttributeName"] = 0 }),
            new EncodedRun(1, new Dictionary<string, object> { ["__kIMMessagePartAttributeName"] = 1, ["n"] = 1.5, ["u"] = new Uri("https://x.example") }),
            new EncodedRun(2, new Dictionary<string, object> { ["__kIMMessagePartAttributeName"] = 1, ["d"] = new byte[] { 1, 2, 3 }, ["l"] = long.MinValue }),
        ]));
        return seeds;
    }

    private static (string Kind, byte[] Data) Mutate(Random random, IReadOnlyList<byte[]> seeds)
    {
        // HugeWithRefs (67 KB) is picked as often as the rest; small bodies dominate anyway.
        var source = seeds[random.Next(seeds.Count)];
        var data = source.ToList();
        var kind = random.Next(9);
        switch (kind)
        {
            case 0: // bit flips
                for (var i = random.Next(1, 5); i > 0; i--)
                {
                    var at = random.Next(data.Count);
                    data[at] ^= (byte)(1 << random.Next(8));
                }

                return ("bitflip", [.. data]);
            case 1: // truncation
                return ("truncate", [.. data.Take(random.Next(data.Count))]);
            case 2: // insertion of random bytes
                data.InsertRange(random.Next(data.Count + 1), RandomBytes(random, random.Next(1, 9)));
                return ("insert", [.. data]);
            case 3: // overwrite with random bytes
                var start = random.Next(data.Count);
                foreach (var b in RandomBytes(random, random.Next(1, 9)))
                {
                    if (start < data.Count)
                    {
                        data[start++] = b;
                    }
                }

                return ("overwrite", [.. data]);
            case 4: // tag and boundary values where they do most damage
                byte[] interesting = [0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x91, 0x92, 0x00, 0x7f, 0xff];
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    data[random.Next(data.Count)] = interesting[random.Next(interesting.Length)];
                }

                return ("tags", [.. data]);
            case 5: // deletion of a range
                var from = random.Next(data.Count);
                data.RemoveRange(from, Math.Min(data.Count - from, random.Next(1, 17)));
                return ("delete", [.. data]);
            case 6: // duplicated chunk
                var chunkStart = random.Next(data.Count);
                var chunk = data.Skip(chunkStart).Take(random.Next(1, 33)).ToList();
                data.InsertRange(random.Next(data.Count + 1), chunk);
                return ("duplicate", [.. data]);
            case 7: // random body behind a valid header
                return ("random", [.. ArchiveBytes.Header, .. RandomBytes(random, random.Next(0, 300))]);
            default: // splice two archives
                var other = seeds[random.Next(seeds.Count)];
                return ("splice", [.. data.Take(random.Next(data.Count)), .. other.Skip(random.Next(other.Length))]);
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    [SharedFact(SharedMaterial.TypedStreamCorpus)]
    public void Decode_EveryTruncationOfARealBody_ThrowsFormatException()
    {
        var data = TypedStreamCorpus.Bytes("crabstep/src/test_data/Attachment");

        for (var length = 0; length < data.Length; length++)
        {
            var ex = Assert.Throws<TypedStreamFormatException>(() => TypedStreamDecoder.Decode(data.AsSpan(0, length)));
            Assert.True(ex.Error is TypedStreamError.Truncated or TypedStreamError.ExtraData,
                $"length {length}: {ex.Error} {ex.Message}");
        }
    }
}
