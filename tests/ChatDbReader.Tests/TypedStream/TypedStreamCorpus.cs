using System.Text.Json;
using LineAgent.ChatDbReader.Tests.Support;

namespace LineAgent.ChatDbReader.Tests.TypedStream;

/// <summary>
/// The real attributedBody vectors in <c>../shared/corpus/typedstream/</c> (GPL-3.0 data, read at run time and
/// never copied into the repository) and their expected decodings (<c>expected_decoded.json</c>).
/// </summary>
internal static class TypedStreamCorpus
{
    public const string MissingMarker = "<corpus folder missing>";

    private static readonly Lazy<string?> Folder = new(FindFolder);
    private static readonly Lazy<IReadOnlyList<ExpectedEntry>> Entries = new(LoadEntries);

    /// <summary>The corpus folder, or a failure naming where it was looked for.</summary>
    public static string RequireFolder() =>
        Folder.Value ?? throw new InvalidOperationException(
            "typedstream corpus not found: expected ../shared/corpus/typedstream (with expected_decoded.json) beside " +
            "the repository; tests that read it are [SharedFact]/[SharedTheory] and skip without it");

    public static IReadOnlyList<ExpectedEntry> All => Folder.Value is null ? [] : Entries.Value;

    public static ExpectedEntry Entry(string file) =>
        Entries.Value.Single(e => e.File == file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(RequireFolder(), file));

    /// <summary>Theory rows: corpus file names matching <paramref name="filter"/>, or one marker row when the corpus is missing.</summary>
    public static TheoryData<string> Files(Func<ExpectedEntry, bool> filter)
    {
        var data = new TheoryData<string>();
        if (Folder.Value is null)
        {
            data.Add(MissingMarker);
            return data;
        }

        foreach (var entry in Entries.Value.Where(filter))
        {
            data.Add(entry.File);
        }

        return data;
    }

    /// <summary>All typedstream message bodies whose expected text and runs are recorded.</summary>
    public static bool IsAttributedBody(ExpectedEntry e) => e.Root is "NSAttributedString" or "NSMutableAttributedString";

    private static string? FindFolder() =>
        SharedMaterial.Find(SharedMaterial.TypedStreamCorpus) is { } corpus && File.Exists(Path.Combine(corpus, "expected_decoded.json"))
            ? corpus
            : null;

    private static IReadOnlyList<ExpectedEntry> LoadEntries()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RequireFolder(), "expected_decoded.json")));
        var result = new List<ExpectedEntry>();
        foreach (var e in json.RootElement.EnumerateArray())
        {
            var runs = new List<ExpectedRun>();
            if (e.TryGetProperty("runs", out var runArray))
            {
                foreach (var r in runArray.EnumerateArray())
                {
                    runs.Add(new ExpectedRun(r.GetProperty("dict_index").GetInt32(), r.GetProperty("utf16_length").GetInt32(),
                        r.GetProperty("attributes").Clone()));
                }
            }

            result.Add(new ExpectedEntry(
                e.GetProperty("file").GetString()!,
                e.TryGetProperty("root", out var root) ? root.GetString() : null,
                e.TryGetProperty("text", out var text) ? text.GetString() : null,
                e.TryGetProperty("utf16_len", out var len) ? len.GetInt32() : -1,
                runs,
                e.TryGetProperty("decode_error", out var err) ? err.GetString() : null));
        }

        return result;
    }
}

internal sealed record ExpectedEntry(string File, string? Root, string? Text, int Utf16Length,
    IReadOnlyList<ExpectedRun> Runs, string? DecodeError)
{
    public override string ToString() => File;
}

internal sealed record ExpectedRun(int DictIndex, int Utf16Length, JsonElement Attributes);
