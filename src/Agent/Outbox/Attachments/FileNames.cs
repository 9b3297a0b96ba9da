using System.Text;

namespace LineAgent.Agent.Outbox.Attachments;

/// <summary>Makes an untrusted file name safe to create on disk and show to recipients.</summary>
public static class FileNames
{
    /// <summary>Longest name in UTF-8 bytes (APFS and most file systems: 255).</summary>
    public const int MaxBytes = 255;

    /// <summary>The name used when nothing usable is left.</summary>
    public const string Fallback = "attachment";

    /// <summary>
    /// Keeps only the last path component (both / and \ count as separators), drops control characters, ':' (the
    /// Finder shows it as '/'), and bidirectional overrides (U+202E can disguise "exe.jpg" as "gpj.exe"), trims
    /// leading dots and spaces (no hidden files, no "." or ".."), normalises to NFC (a no-op under InvariantGlobalization; the upload already stores NFC) and cuts to
    /// <see cref="MaxBytes"/> UTF-8 bytes keeping the extension. Never returns an empty name.
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
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes)
            return name;
        var ext = Path.GetExtension(name);
        if (Encoding.UTF8.GetByteCount(ext) > 32)
            ext = "";
        var stem = name[..^ext.Length];
        var budget = MaxBytes - Encoding.UTF8.GetByteCount(ext);
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
