using System.Buffers.Binary;
using LineAgent.ChatDbReader.Plist;
using LineAgent.FakeChatDb;

namespace LineAgent.ChatDbReader.Tests.Plist;

/// <summary>
/// Seeded mutation fuzzing: truncations, bit flips, huge counts, corrupt trailers and self-references must yield a
/// value or PlistFormatException — never another exception, a hang or an unbounded allocation.
/// </summary>
public class BinaryPlistFuzzTests
{
    private const int Seed = 20261126;
    private const int MutationsPerDocument = 4000;

    private enum Mutation { Truncate, FlipBits, RandomBytes, HugeCount, CorruptTrailer, SelfReference }

    [Fact]
    public void Parse_MutatedDocuments_ThrowOnlyPlistFormatException()
    {
        var random = new Random(Seed);
        var errors = new Dictionary<PlistError, int>();
        var failures = new List<string>();
        int parsed = 0;

        foreach (var (name, document) in SeedDocuments())
        {
            for (int i = 0; i < MutationsPerDocument; i++)
            {
                var mutation = (Mutation)random.Next(Enum.GetValues<Mutation>().Length);
                byte[] input = Mutate(document, mutation, random);
                try
                {
                    BinaryPlist.Parse(input);
                    parsed++;
                }
                catch (PlistFormatException ex)
                {
                    errors[ex.Error] = errors.GetValueOrDefault(ex.Error) + 1;
                }
                catch (Exception ex)
                {
                    failures.Add($"{name} #{i} {mutation}: {ex.GetType().Name}: {ex.Message} input={Convert.ToHexString(input)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
        // The mutations must reach the interesting checks, or this test proves nothing.
        Assert.Contains(PlistError.Cycle, errors.Keys);
        Assert.Contains(PlistError.BadCount, errors.Keys);
        Assert.Contains(PlistError.BadTrailer, errors.Keys);
        Assert.Contains(PlistError.BadReference, errors.Keys);
        Assert.True(parsed > 0, "no mutated document parsed; mutations are too destructive to exercise decoding");
    }

    [Fact]
    public void MessageSummaryInfoAndKeyedArchive_OnMutatedDocuments_NeverThrowUnexpectedly()
    {
        var random = new Random(Seed + 1);
        var failures = new List<string>();
        int withError = 0;

        foreach (var (name, document) in SeedDocuments())
        {
            for (int i = 0; i < MutationsPerDocument / 4; i++)
            {
                var mutation = (Mutation)random.Next(Enum.GetValues<Mutation>().Length);
                byte[] input = Mutate(document, mutation, random);
                try
                {
                    var info = MessageSummaryInfo.Parse(input);
                    withError += info.Error is null ? 0 : 1;
                    foreach (var version in info.EditHistory.Values.SelectMany(v => v))
                    {
                        _ = version.Text;
                        _ = version.TextError;
                    }
                }
                catch (Exception ex)
                {
                    failures.Add($"MessageSummaryInfo {name} #{i} {mutation}: {ex}");
                }

                try
                {
                    var archive = KeyedArchive.Parse(input);
                    archive.Materialize(archive.Top.GetValueOrDefault("root"));
                }
                catch (PlistFormatException)
                {
                }
                catch (Exception ex)
                {
                    failures.Add($"KeyedArchive {name} #{i} {mutation}: {ex}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
        Assert.True(withError > 0);
    }

    private static IEnumerable<(string Name, byte[] Document)> SeedDocuments()
    {
        yield return ("scalars", BinaryPlistWriter.Write(new List<object?>
        {
            null, true, false, 0L, 300L, 70000L, 5_000_000_000L, -7L, ulong.MaxValue, 1.5f, 2.25,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new byte[] { 1, 2, 3 }, "ascii", "ütf-16 😀",
            new PlistUid(3), new PlistUid(70000), new string('x', 20), new HashSet<object?> { 1L, 2L },
        }));
        yield return ("summary-edited", MessageSummaryInfoFixture.Edited(
            [
                new EditVersion(new DateTimeOffset(2022, 11, 19, 1, 17, 54, TimeSpan.Zero), [0x04, 0x0B, 0x73]),
                new EditVersion(new DateTimeOffset(2022, 11, 19, 1, 18, 0, TimeSpan.Zero), [0x04, 0x0B], "292BF9C6-C9B8-4827-BE65-6EA1C9B5B384"),
            ],
            part: 1, originalLength: 11));
        yield return ("summary-encoded", MessageSummaryInfoFixture.Edited(
            [
                EditVersion.Of(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), "Original text"),
                EditVersion.Of(new DateTimeOffset(2025, 1, 1, 0, 1, 0, TimeSpan.Zero), "Edited 😀 text"),
            ],
            originalLength: 13));
        yield return ("summary-unsent", MessageSummaryInfoFixture.Unsent([0], (0, 0, 13)));
        yield return ("keyed-archive", BinaryPlistWriter.Write(new Dictionary<string, object?>
        {
            ["$archiver"] = "NSKeyedArchiver",
            ["$version"] = 100000L,
            ["$top"] = new Dictionary<string, object?> { ["root"] = new PlistUid(1) },
            ["$objects"] = new List<object?>
            {
                "$null",
                new Dictionary<string, object?> { ["$class"] = new PlistUid(4), ["originalURL"] = new PlistUid(2), ["self"] = new PlistUid(1) },
                new Dictionary<string, object?> { ["$class"] = new PlistUid(3), ["NS.base"] = new PlistUid(0), ["NS.relative"] = new PlistUid(5) },
                new Dictionary<string, object?> { ["$classname"] = "NSURL", ["$classes"] = new List<object?> { "NSURL", "NSObject" } },
                new Dictionary<string, object?> { ["$classname"] = "LPLinkMetadata" },
                "https://example.com/",
            },
        }));
        yield return ("wide", BinaryPlistWriter.Write(Enumerable.Range(0, 300).Select(i => (object?)$"s{i}").ToList()));
    }

    private static byte[] Mutate(byte[] document, Mutation mutation, Random random)
    {
        byte[] data = (byte[])document.Clone();
        switch (mutation)
        {
            case Mutation.Truncate:
                return data[..random.Next(data.Length)];
            case Mutation.FlipBits:
                for (int n = random.Next(1, 5); n > 0; n--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case Mutation.RandomBytes:
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                }

                return data;
            case Mutation.HugeCount:
            {
                // Turn an object into "0xF + 8-byte count" with an enormous or negative count.
                int offset = RandomObjectOffset(data, random);
                if (offset + 10 <= data.Length)
                {
                    data[offset] = (byte)((data[offset] & 0xF0) | 0x0F);
                    data[offset + 1] = 0x13;
                    BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(offset + 2), random.Next(3) switch
                    {
                        0 => long.MaxValue,
                        1 => -1,
                        _ => random.NextInt64(1, 1L << 40),
                    });
                }

                return data;
            }

            case Mutation.CorruptTrailer:
            {
                int field = random.Next(5);
                var trailer = data.AsSpan(data.Length - 32);
                ulong value = random.Next(3) switch { 0 => ulong.MaxValue, 1 => (ulong)random.Next(0, 64), _ => (ulong)random.NextInt64() };
                switch (field)
                {
                    case 0: trailer[6] = (byte)value; break;
                    case 1: trailer[7] = (byte)value; break;
                    default: BinaryPrimitives.WriteUInt64BigEndian(trailer[(8 * (field - 1))..], value); break;
                }

                return data;
            }

            case Mutation.SelfReference:
            {
                // Point a container's first reference at itself (or an ancestor, the top object).
                var (offsetSize, refSize, count, table) = Trailer(data);
                for (int attempt = 0; attempt < 20; attempt++)
                {
                    int index = random.Next(count);
                    int offset = (int)ReadBigEndian(data, table + (index * offsetSize), offsetSize);
                    int type = data[offset] >> 4;
                    int low = data[offset] & 0x0F;
                    if (type is 0xA or 0xC or 0xD && low is > 0 and < 15)
                    {
                        int target = random.Next(2) == 0 ? index : (int)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(data.Length - 16));
                        int refPos = offset + 1 + (type == 0xD ? random.Next(2) * low * refSize : 0);
                        for (int b = 0; b < refSize; b++)
                        {
                            data[refPos + b] = (byte)(target >> (8 * (refSize - 1 - b)));
                        }

                        break;
                    }
                }

                return data;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(mutation));
        }
    }

    private static int RandomObjectOffset(byte[] data, Random random)
    {
        var (offsetSize, _, count, table) = Trailer(data);
        return (int)ReadBigEndian(data, table + (random.Next(count) * offsetSize), offsetSize);
    }

    private static (int OffsetSize, int RefSize, int Count, int Table) Trailer(byte[] data)
    {
        var t = data.AsSpan(data.Length - 32);
        return (t[6], t[7], (int)BinaryPrimitives.ReadUInt64BigEndian(t[8..]), (int)BinaryPrimitives.ReadUInt64BigEndian(t[24..]));
    }

    private static ulong ReadBigEndian(byte[] data, int pos, int width)
    {
        ulong value = 0;
        for (int i = 0; i < width; i++)
        {
            value = (value << 8) | data[pos + i];
        }

        return value;
    }
}
