using System.Text;

namespace LineAgent.Agent.Attachments;

/// <summary>
/// The one set of file-name rules. A name is shown to recipients and becomes a file name on disk, so it must be
/// a plain name: no directory parts, nothing that could climb out of its directory. Uploads are checked strictly
/// (<see cref="Validate"/>: a bad name is refused, naming the problem); staged copies are cleaned
/// (<see cref="Sanitize"/>: never fails, used for names the agent builds such as location pins).
/// </summary>
public static class AttachmentFileNames
{
    /// <summary>Longest name accepted, in UTF-8 bytes (the APFS/HFS+ limit).</summary>
    public const int MaxUtf8Bytes = 255;

    /// <summary>Returns the NFC-normalized name, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static string? Validate(string? name, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(name))
        {
            problem = "required (a plain file name such as \"photo.jpg\")";
            return null;
        }
        var normalized = name.Normalize(NormalizationForm.FormC);
        if (normalized is "." or "..")
            problem = "\".\" and \"..\" are not file names";
        else if (normalized.IndexOfAny(['/', '\\']) >= 0)
            problem = "must be a plain file name without \"/\" or \"\\\"";
        // ':' is the path separator of the Carbon/HFS layer; Finder shows it as '/'.
        else if (normalized.Contains(':'))
            problem = "must not contain \":\"";
        else if (normalized.Any(c => char.IsControl(c)))
            problem = "must not contain control characters";
        // Format characters (Unicode Cf) are invisible: a right-to-left override shows "photo\u202Egpj.exe" as
        // "photoexe.jpg", and zero-width characters make two names that look the same differ.
        else if (ContainsFormatCharacter(normalized))
            problem = "must not contain invisible formatting characters (bidirectional overrides, zero-width characters)";
        else if (normalized.StartsWith('.'))
            problem = "must not start with \".\" (hidden files are not sent)";
        else if (normalized != normalized.Trim())
            problem = "must not start or end with whitespace";
        else if (Encoding.UTF8.GetByteCount(normalized) > MaxUtf8Bytes)
            problem = $"longer than {MaxUtf8Bytes} UTF-8 bytes";
        return problem.Length == 0 ? normalized : null;
    }

    /// <summary>True when <paramref name="text"/> holds a Unicode format character (Cf): bidi controls, zero-width
    /// spaces and joiners, the BOM, tag characters.</summary>
    public static bool ContainsFormatCharacter(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format)
                return true;
        }
        return false;
    }

    /// <summary>The name used when nothing usable is left.</summary>
    public const string Fallback = "attachment";

    /// <summary>
    /// Keeps only the last path component (both / and \ count as separators), drops control characters, ':' (the
    /// Finder shows it as '/'), and bidirectional overrides (U+202E can disguise "exe.jpg" as "gpj.exe"), trims
    /// leading dots and spaces (no hidden files, no "." or ".."), normalises to NFC (a no-op under InvariantGlobalization; the upload already stores NFC) and cuts to
    /// <see cref="MaxUtf8Bytes"/> UTF-8 bytes keeping the extension. Never returns an empty name.
    /// </summary>
    public static string Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return Fallback;
        var last = name.Replace('\\', '/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder(last.Length);
        foreach (var c in last.Normalize(NormalizationForm.FormC))
        {
            if (char.IsControl(c) || c is ':' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF')
                continue;
            builder.Append(c);
        }
        var cleaned = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ').Trim();
        if (cleaned.Length == 0)
            return Fallback;
        return Truncate(cleaned);
    }

    private static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxUtf8Bytes)
            return name;
        var ext = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(ext) > 32)
            ext = "";
        var stem = name[..^ext.Length];
        var budget = MaxUtf8Bytes - Encoding.UTF8.GetByteCount(ext);
        var cut = new StringBuilder();
        var used = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
                break;
            cut.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }
        return cut.ToString().TrimEnd('.', ' ') + ext;
    }
}
