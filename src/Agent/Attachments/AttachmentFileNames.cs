using System.Text;

namespace LineAgent.Agent.Attachments;

/// <summary>
/// Rules for uploaded file names. The name is shown to recipients and becomes a file name on disk, so it
/// must be a plain name: no directory parts, nothing that could climb out of the upload directory.
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
}
