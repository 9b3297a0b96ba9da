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

    /// <summary>The first 13 header bytes: streamer version 4, signature length 11, "streamtyped" (little-endian).
    /// The system version (1000, <c>81 E8 03</c>) follows as an integer.</summary>
    public static ReadOnlySpan<byte> HeaderPrefix =>
        [0x04, 0x0B, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6D, 0x74, 0x79, 0x70, 0x65, 0x64];

    /// <summary>The big-endian signature (never written on Intel/Apple-silicon Macs; not supported).</summary>
    public static ReadOnlySpan<byte> BigEndianSignature => "typedstream"u8;
}
