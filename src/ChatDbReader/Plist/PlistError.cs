namespace LineAgent.ChatDbReader.Plist;

/// <summary>Why a binary property list (or a keyed archive inside one) was rejected.</summary>
public enum PlistError
{
    /// <summary>The data does not start with the 8-byte magic <c>bplist00</c>.</summary>
    NotBinaryPlist,

    /// <summary>The data is shorter than a header, one object, an offset table and the 32-byte trailer.</summary>
    Truncated,

    /// <summary>The trailer's sizes, object count, top object or offset-table position are inconsistent.</summary>
    BadTrailer,

    /// <summary>An entry of the offset table points outside the object area.</summary>
    BadOffset,

    /// <summary>An object marker byte is not one of the defined types.</summary>
    BadMarker,

    /// <summary>A length or count is malformed or runs past the object area.</summary>
    BadCount,

    /// <summary>An object reference names an object that does not exist.</summary>
    BadReference,

    /// <summary>A container contains itself, directly or indirectly.</summary>
    Cycle,

    /// <summary>Containers are nested deeper than <see cref="BinaryPlist.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>A dictionary key is not a string.</summary>
    BadKey,

    /// <summary>A dictionary holds the same key twice.</summary>
    DuplicateKey,

    /// <summary>A scalar is invalid: non-ASCII byte in an ASCII string, integer beyond 64 bits, date out of range.</summary>
    BadValue,

    /// <summary>The plist is valid but is not the NSKeyedArchiver graph the caller expected.</summary>
    NotKeyedArchive,

    /// <summary>An XML property list is not well-formed XML or uses an element the plist DTD does not define.</summary>
    BadXml,
}
