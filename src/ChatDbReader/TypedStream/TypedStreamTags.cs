namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// Head-byte values of the typedstream format (read as signed int8). Apple facts, from NSArchiver archives and
/// dgelessus/python-typedstream: heads −128…−111 (0x80…0x91) are tags, every other byte is a literal 1-byte
/// integer or, in reference positions, a reference number whose table index is <c>value + 110</c>.
/// </summary>
internal static class TypedStreamTags
{
    /// <summary>0x81: an integer in the next 2 bytes (little-endian).</summary>
    public const sbyte Int16 = -127;

    /// <summary>0x82: an integer in the next 4 bytes.</summary>
    public const sbyte Int32 = -126;

    /// <summary>0x83: a float/double in the next 4/8 bytes (IEEE-754). Without it, f/d values are written as integers.</summary>
    public const sbyte Float = -125;

    /// <summary>0x84: a new (literal) string, object or class follows.</summary>
    public const sbyte New = -124;

    /// <summary>0x85: nil.</summary>
    public const sbyte Nil = -123;

    /// <summary>0x86: end of the current object.</summary>
    public const sbyte EndOfObject = -122;

    /// <summary>0x87: an integer in the next 8 bytes (NSNumber 'q' in NSArchiver archives; python-typedstream rejects it,
    /// crabstep accepts it).</summary>
    public const sbyte Int64 = -121;

    /// <summary>Lowest head that is a tag (0x80).</summary>
    public const sbyte FirstTag = -128;

    /// <summary>Highest head that is a tag (0x91).</summary>
    public const sbyte LastTag = -111;

    /// <summary>Reference numbers start here: reference value r names table index r − (−110).</summary>
    public const int ReferenceBase = -110;

    /// <summary>The 16-byte header Messages writes: streamer version 4, "streamtyped" (little-endian), system 1000.</summary>
    public static ReadOnlySpan<byte> Signature => "streamtyped"u8;

    /// <summary>The big-endian signature (never written on Intel/Apple-silicon Macs; not supported).</summary>
    public static ReadOnlySpan<byte> BigEndianSignature => "typedstream"u8;
}
