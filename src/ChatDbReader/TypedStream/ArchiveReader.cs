using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// Cursor over one typedstream archive plus its two back-reference tables. Primitive reads live here; object,
/// class and Foundation layouts are in the other <c>ArchiveReader.*.cs</c> parts.
/// Every read checks the remaining input first, so arbitrary bytes end in a <see cref="TypedStreamFormatException"/>.
/// Table growth is bounded by the input: every table entry consumes at least one input byte.
/// </summary>
internal ref partial struct ArchiveReader
{
    /// <summary>Maximum nesting of objects / type encodings. Message bodies nest 4 deep; 64 keeps the stack small.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    // Shared-string table S: type encodings, class names and C-string bodies, as (offset, length) into _data.
    private StringSlot[] _strings;
    private int _stringCount;

    // Object table O: literal objects (slot taken before the class chain is read), classes and C strings.
    private ObjectSlot[] _objects;
    private int _objectCount;

    // Per-thread table arrays reused across decodes (a typical body needs ~10 strings and ~15 objects): most of a
    // decode's allocation otherwise. Taken out while in use and returned cleared, so nothing is shared between
    // decodes or threads; arrays grown by a large archive are not kept.
    private const int PooledCapacity = 32;
    private const int MaxPooledCapacity = 1024;

    [ThreadStatic]
    private static StringSlot[]? t_strings;

    [ThreadStatic]
    private static ObjectSlot[]? t_objects;

    public ArchiveReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
        _strings = t_strings ?? new StringSlot[PooledCapacity];
        t_strings = null;
        _objects = t_objects ?? new ObjectSlot[PooledCapacity];
        t_objects = null;
    }

    /// <summary>Returns the tables to the per-thread cache, dropping every reference to decoded values.</summary>
    public void Release()
    {
        Array.Clear(_objects, 0, _objectCount);
        _objectCount = 0;
        _stringCount = 0;
        if (_objects.Length <= MaxPooledCapacity)
        {
            t_objects = _objects;
        }

        if (_strings.Length <= MaxPooledCapacity)
        {
            t_strings = _strings;
        }
    }

    private readonly int Remaining => _data.Length - _pos;

    public readonly bool AtEnd => _pos == _data.Length;

    // MARK: header

    /// <summary>Reads the 16-byte header: version 4, length 11, "streamtyped", system version (1000 on every Mac seen).</summary>
    public void ReadHeader()
    {
        var expected = TypedStreamTags.HeaderPrefix;
        var available = Math.Min(_data.Length, expected.Length);
        if (!_data[..available].SequenceEqual(expected[..available]))
        {
            throw Error(TypedStreamError.BadHeader, available == expected.Length
                && _data.Slice(2, 11).SequenceEqual(TypedStreamTags.BigEndianSignature)
                    ? "big-endian typedstream is not supported"
                    : "not a typedstream (expected version 4 and the signature \"streamtyped\")");
        }

        if (_data.Length < expected.Length)
        {
            throw Error(TypedStreamError.Truncated, "input ended inside the typedstream header");
        }

        _pos = expected.Length;
        _ = ReadInteger(ReadHead(), unsigned: false); // system version, 1000 on every known archive
    }

    // MARK: heads and integers

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte ReadHead()
    {
        if ((uint)_pos >= (uint)_data.Length)
        {
            throw Error(TypedStreamError.Truncated, "input ended where an item was expected");
        }

        return (sbyte)_data[_pos++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly sbyte PeekHead()
    {
        if ((uint)_pos >= (uint)_data.Length)
        {
            throw Error(TypedStreamError.Truncated, "input ended where an item was expected");
        }

        return (sbyte)_data[_pos];
    }

    /// <summary>Reads one raw byte (type chars c, C, B are written without a head).</summary>
    public byte ReadRawByte()
    {
        if ((uint)_pos >= (uint)_data.Length)
        {
            throw Error(TypedStreamError.Truncated, "input ended inside a 1-byte value");
        }

        return _data[_pos++];
    }

    private ReadOnlySpan<byte> ReadFixed(int count)
    {
        if (count > Remaining)
        {
            throw Error(TypedStreamError.Truncated, $"input ended inside a {count}-byte value");
        }

        var span = _data.Slice(_pos, count);
        _pos += count;
        return span;
    }

    /// <summary>
    /// Reads an integer whose head is <paramref name="head"/>: a literal byte, or 0x81/0x82/0x87 + 2/4/8 bytes LE.
    /// In unsigned contexts the wide forms are zero-extended and a literal byte is taken as unsigned.
    /// </summary>
    public long ReadInteger(sbyte head, bool unsigned)
    {
        switch (head)
        {
            case TypedStreamTags.Int16:
                var s = ReadFixed(2);
                return unsigned ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadInt16LittleEndian(s);
            case TypedStreamTags.Int32:
                var i = ReadFixed(4);
                return unsigned ? BinaryPrimitives.ReadUInt32LittleEndian(i) : BinaryPrimitives.ReadInt32LittleEndian(i);
            case TypedStreamTags.Int64:
                return BinaryPrimitives.ReadInt64LittleEndian(ReadFixed(8));
            case >= TypedStreamTags.FirstTag and <= TypedStreamTags.LastTag:
                throw Error(TypedStreamError.UnexpectedTag, $"tag 0x{(byte)head:X2} where an integer was expected", -1);
            default:
                return unsigned ? (byte)head : head;
        }
    }

    /// <summary>Reads an f/d value: 0x83 + IEEE-754 bytes, or (for integral values) a plain integer.</summary>
    public double ReadReal(bool isDouble)
    {
        var head = ReadHead();
        if (head == TypedStreamTags.Float)
        {
            return isDouble
                ? BinaryPrimitives.ReadDoubleLittleEndian(ReadFixed(8))
                : BinaryPrimitives.ReadSingleLittleEndian(ReadFixed(4));
        }

        return ReadInteger(head, unsigned: false);
    }

    /// <summary>Reads a byte count / element count and checks it against the input that is left.</summary>
    private int ReadByteLength(sbyte head)
    {
        var length = ReadInteger(head, unsigned: true);
        if (length < 0)
        {
            throw Error(TypedStreamError.BadLength, $"negative length {length}"); // only an 8-byte form can be negative here
        }

        if (length > Remaining)
        {
            throw Overrun($"declared length {length}");
        }

        return (int)length;
    }

    /// <summary>Reads a count of items that each take at least <paramref name="minBytesEach"/> bytes.</summary>
    public int ReadCount(long count, int minBytesEach)
    {
        if (count < 0)
        {
            throw Error(TypedStreamError.BadLength, $"negative count {count}");
        }

        if (count > Remaining / minBytesEach)
        {
            throw Overrun($"count {count} (at least {minBytesEach} byte(s) each)");
        }

        return (int)count;
    }

    /// <summary>The error for a declared length or count that the input left cannot hold.</summary>
    private readonly TypedStreamFormatException Overrun(string what) =>
        // A complete archive always ends with the root's end-of-object byte. When the input ends like that but a
        // length still runs past it, the length disagrees with the content (corpus vector "ExtraData");
        // otherwise the blob was cut short.
        _data[^1] == unchecked((byte)TypedStreamTags.EndOfObject)
            ? Error(TypedStreamError.ExtraData, $"{what} exceeds the {Remaining} bytes left in a complete-looking archive")
            : Error(TypedStreamError.Truncated, $"{what} exceeds the {Remaining} bytes left");

    /// <summary>Reads an unshared string body (head + length + bytes); null for nil.</summary>
    public bool TryReadUnsharedBytes(out ReadOnlySpan<byte> bytes)
    {
        var head = ReadHead();
        if (head == TypedStreamTags.Nil)
        {
            bytes = default;
            return false;
        }

        var length = ReadByteLength(head);
        bytes = _data.Slice(_pos, length);
        _pos += length;
        return true;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes (the body of a <c>[Nc]</c> array).</summary>
    public ReadOnlySpan<byte> ReadRawBytes(int count)
    {
        if (count > Remaining)
        {
            throw Overrun($"array of {count} bytes");
        }

        return ReadFixed(count);
    }

    // MARK: shared strings

    /// <summary>Reads a shared string (NEW literal, nil, or reference into S) and returns its S index, −1 for nil.</summary>
    public int ReadSharedString()
    {
        var head = ReadHead();
        if (head == TypedStreamTags.New)
        {
            var length = ReadByteLength(ReadHead());
            if (_stringCount == _strings.Length)
            {
                Array.Resize(ref _strings, _stringCount * 2);
            }

            _strings[_stringCount] = new StringSlot(_pos, length);
            _pos += length;
            return _stringCount++;
        }

        if (head == TypedStreamTags.Nil)
        {
            return -1;
        }

        return ReadReference(head, _stringCount, "shared string");
    }

    /// <summary>Reads a shared string that must not be nil and returns its bytes.</summary>
    public ReadOnlySpan<byte> ReadSharedStringBytes(string what)
    {
        var index = ReadSharedString();
        if (index < 0)
        {
            throw Error(TypedStreamError.BadTypeEncoding, $"nil {what}");
        }

        return StringBytes(index);
    }

    public readonly ReadOnlySpan<byte> StringBytes(int index)
    {
        var slot = _strings[index];
        return _data.Slice(slot.Offset, slot.Length);
    }

    /// <summary>Reads a group's type encoding and checks it is exactly <paramref name="expected"/>.</summary>
    public void ExpectType(ReadOnlySpan<byte> expected, string owner)
    {
        var start = _pos;
        var actual = ReadSharedStringBytes("type encoding");
        if (!actual.SequenceEqual(expected))
        {
            throw new TypedStreamFormatException(TypedStreamError.BadObjectLayout, start,
                $"{owner}: expected a group of type \"{System.Text.Encoding.ASCII.GetString(expected)}\"");
        }
    }

    /// <summary>Consumes the end-of-object byte that closes an object with a known layout.</summary>
    public void ExpectEndOfObject(string owner)
    {
        var head = ReadHead();
        if (head != TypedStreamTags.EndOfObject)
        {
            throw Error(TypedStreamError.BadObjectLayout, $"{owner}: expected end of object, found 0x{(byte)head:X2}", -1);
        }
    }

    // MARK: references

    /// <summary>Decodes a reference number (1-byte or 0x81/0x82 wide) into an index below <paramref name="count"/>.</summary>
    public int ReadReference(sbyte head, int count, string table)
    {
        if (head is >= TypedStreamTags.FirstTag and <= TypedStreamTags.LastTag
            && head is not (TypedStreamTags.Int16 or TypedStreamTags.Int32))
        {
            throw Error(TypedStreamError.UnexpectedTag, $"tag 0x{(byte)head:X2} where a {table} reference was expected", -1);
        }

        var index = ReadInteger(head, unsigned: false) - TypedStreamTags.ReferenceBase;
        if (index < 0 || index >= count)
        {
            throw Error(TypedStreamError.BadReference, $"{table} reference {index} outside the {count} entries seen");
        }

        return (int)index;
    }

    // MARK: errors

    public readonly TypedStreamFormatException Error(TypedStreamError error, string detail, int delta = 0) =>
        new(error, Math.Max(0, _pos + delta), detail);

    private readonly record struct StringSlot(int Offset, int Length);
}
