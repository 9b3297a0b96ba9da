namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// Strict reader for Apple binary property lists (<c>bplist00</c>), the format of
/// <c>message.message_summary_info</c> and <c>message.payload_data</c>.
/// </summary>
/// <remarks>
/// Value mapping: dict → <see cref="Dictionary{TKey,TValue}"/> of string → object? (keys must be strings, in file
/// order); array, set and ordered set → <see cref="List{T}"/> of object?; ASCII and UTF-16BE strings →
/// <see cref="string"/> (unpaired surrogates kept as-is); integers → <see cref="long"/> (a 16-byte integer above
/// <see cref="long.MaxValue"/> → <see cref="ulong"/>); 4- and 8-byte reals → <see cref="double"/>; date →
/// <see cref="DateTimeOffset"/> (UTC, seconds since 2001); data → <see cref="byte"/>[]; UID → <see cref="PlistUid"/>;
/// null and fill → null; booleans → <see cref="bool"/>.
/// An object referenced from several places is decoded once and the same instance is shared.
/// Work and memory are linear in the input size: every length is checked against the object area before
/// anything is allocated, each object is decoded once, and nesting is bounded by <see cref="MaxDepth"/>.
/// </remarks>
public static class BinaryPlist
{
    /// <summary>Deepest container nesting accepted (default 256; real Messages plists are under 10).</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// Decodes a whole <c>bplist00</c> document and returns its top object.
    /// Throws only <see cref="PlistFormatException"/>, for any malformed, truncated or cyclic input.
    /// </summary>
    public static object? Parse(ReadOnlySpan<byte> data)
    {
        var parser = new BinaryPlistParser(data);
        return parser.ParseTop();
    }

    /// <summary>True when <paramref name="data"/> starts with the <c>bplist00</c> magic (no other check).</summary>
    public static bool HasBinaryPlistHeader(ReadOnlySpan<byte> data) => data.StartsWith("bplist00"u8);
}
