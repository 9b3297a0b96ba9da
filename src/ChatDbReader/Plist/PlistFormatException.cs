namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// The only exception <see cref="BinaryPlist.Parse"/> and <see cref="KeyedArchive"/> throw: the input is not a
/// well-formed binary property list (or keyed archive). <see cref="Error"/> says which rule was broken and
/// <see cref="Exception.Message"/> where.
/// </summary>
public sealed class PlistFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="error"/> with a human-readable reason.</summary>
    public PlistFormatException(PlistError error, string reason)
        : base($"Malformed {(error == PlistError.BadXml ? "XML" : "binary")} plist ({error}): {reason}")
    {
        Error = error;
    }

    /// <summary>The rule the input broke.</summary>
    public PlistError Error { get; }
}
