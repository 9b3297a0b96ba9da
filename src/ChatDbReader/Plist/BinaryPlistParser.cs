using System.Buffers.Binary;
using System.Text;

namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// One decoding pass over a bplist00 document. Layout (CoreFoundation CFBinaryPList.c):
/// 8-byte header "bplist00", objects, offset table (one big-endian offset per object), 32-byte trailer
/// [5 unused][sort version][offset int size][object ref size][num objects u64][top object u64][offset table offset u64].
/// </summary>
internal ref struct BinaryPlistParser
{
    private const int HeaderLength = 8;
    private const int TrailerLength = 32;

    private const byte Unvisited = 0;
    private const byte InProgress = 1;
    private const byte Done = 2;

    private readonly ReadOnlySpan<byte> _data;
    private int _offsetIntSize;
    private int _refSize;
    private int _objectCount;
    private int _topObject;
    private int _offsetTableOffset;

    // Bounded by the input: _objectCount <= (length - 40) / offsetIntSize.
    private object?[] _decoded = [];
    private byte[] _state = [];

    // Bytes of variable-length payload (string/data bytes, reference lists) still allowed to be decoded. A writer
    // stores every object once, so a valid document never needs more than its object area; without this bound,
    // many offsets pointing into one large array would make decoding quadratic in time and memory.
    private long _payloadBudget;

    public BinaryPlistParser(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    public object? ParseTop()
    {
        ReadTrailer();
        _decoded = new object?[_objectCount];
        _state = new byte[_objectCount];
        return ParseObject(_topObject, depth: 0);
    }

    private void ReadTrailer()
    {
        if (!BinaryPlist.HasBinaryPlistHeader(_data))
        {
            throw _data.Length < HeaderLength && "bplist00"u8.StartsWith(_data)
                ? Fail(PlistError.Truncated, $"only {_data.Length} bytes")
                : Fail(PlistError.NotBinaryPlist, "missing 'bplist00' header");
        }

        // Smallest document: header, one 1-byte object, one 1-byte offset, trailer.
        if (_data.Length < HeaderLength + 2 + TrailerLength)
        {
            throw Fail(PlistError.Truncated, $"{_data.Length} bytes cannot hold an object, an offset table and a trailer");
        }

        int trailer = _data.Length - TrailerLength;
        var t = _data[trailer..];
        _offsetIntSize = t[6];
        _refSize = t[7];
        ulong count = BinaryPrimitives.ReadUInt64BigEndian(t[8..]);
        ulong top = BinaryPrimitives.ReadUInt64BigEndian(t[16..]);
        ulong tableOffset = BinaryPrimitives.ReadUInt64BigEndian(t[24..]);

        if (_offsetIntSize is < 1 or > 8)
        {
            throw Fail(PlistError.BadTrailer, $"offset int size {_offsetIntSize} (must be 1–8)");
        }

        if (_refSize is < 1 or > 8)
        {
            throw Fail(PlistError.BadTrailer, $"object ref size {_refSize} (must be 1–8)");
        }

        if (tableOffset < HeaderLength + 1 || tableOffset >= (ulong)trailer)
        {
            throw Fail(PlistError.BadTrailer, $"offset table at {tableOffset} outside [9, {trailer})");
        }

        ulong tableRoom = ((ulong)trailer - tableOffset) / (ulong)_offsetIntSize;
        if (count == 0 || count > tableRoom)
        {
            throw Fail(PlistError.BadTrailer, $"{count} objects but room for {tableRoom} offsets");
        }

        if (top >= count)
        {
            throw Fail(PlistError.BadTrailer, $"top object {top} of {count}");
        }

        _objectCount = (int)count;
        _topObject = (int)top;
        _offsetTableOffset = (int)tableOffset;
        _payloadBudget = _offsetTableOffset - HeaderLength;
    }

    private object? ParseObject(int index, int depth)
    {
        switch (_state[index])
        {
            case Done:
                return _decoded[index];
            case InProgress:
                throw Fail(PlistError.Cycle, $"object {index} contains itself");
        }

        if (depth > BinaryPlist.MaxDepth)
        {
            throw Fail(PlistError.TooDeep, $"nesting deeper than {BinaryPlist.MaxDepth}");
        }

        _state[index] = InProgress;
        object? value = ParseAt(ObjectOffset(index), depth);
        _decoded[index] = value;
        _state[index] = Done;
        return value;
    }

    private int ObjectOffset(int index)
    {
        ulong offset = ReadUnsigned(_offsetTableOffset + (index * _offsetIntSize), _offsetIntSize);
        if (offset < HeaderLength || offset >= (ulong)_offsetTableOffset)
        {
            throw Fail(PlistError.BadOffset, $"object {index} at {offset}, outside [8, {_offsetTableOffset})");
        }

        return (int)offset;
    }

    private object? ParseAt(int offset, int depth)
    {
        byte marker = _data[offset];
        int low = marker & 0x0F;
        int pos = offset + 1;
        switch (marker >> 4)
        {
            case 0x0:
                return low switch
                {
                    0x0 => null,
                    0x8 => false,
                    0x9 => true,
                    0xF => null, // fill byte
                    _ => throw BadMarker(marker, offset),
                };
            case 0x1:
                return ParseInteger(low, pos, offset);
            case 0x2:
                return low switch
                {
                    0x2 => (double)BinaryPrimitives.ReadSingleBigEndian(Take(pos, 4, "real")),
                    0x3 => BinaryPrimitives.ReadDoubleBigEndian(Take(pos, 8, "real")),
                    _ => throw BadMarker(marker, offset),
                };
            case 0x3:
                if (low != 0x3)
                {
                    throw BadMarker(marker, offset);
                }

                double seconds = BinaryPrimitives.ReadDoubleBigEndian(Take(pos, 8, "date"));
                return Time.AppleTime.FromSeconds(seconds)
                    ?? throw Fail(PlistError.BadValue, $"date {seconds} s since 2001 at offset {offset} is out of range");
            case 0x4:
            {
                int length = ReadCount(low, ref pos, 1, offset);
                return _data.Slice(pos, length).ToArray();
            }

            case 0x5:
            {
                int length = ReadCount(low, ref pos, 1, offset);
                var bytes = _data.Slice(pos, length);
                if (!Ascii.IsValid(bytes))
                {
                    throw Fail(PlistError.BadValue, $"non-ASCII byte in ASCII string at offset {offset}");
                }

                return Encoding.ASCII.GetString(bytes);
            }

            case 0x6:
            {
                int length = ReadCount(low, ref pos, 2, offset);
                var bytes = _data.Slice(pos, length * 2);
                // Copy code units verbatim so an unpaired surrogate survives (Encoding would replace it).
                return string.Create(length, bytes.ToArray(), static (chars, raw) =>
                {
                    for (int i = 0; i < chars.Length; i++)
                    {
                        chars[i] = (char)BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(i * 2));
                    }
                });
            }

            case 0x8:
                if (low > 7)
                {
                    throw Fail(PlistError.BadValue, $"UID of {low + 1} bytes at offset {offset} (at most 8)");
                }

                return new PlistUid(ReadUnsigned(CheckRoom(pos, low + 1, "UID"), low + 1));
            case 0xA:
            case 0xB:
            case 0xC:
                return ParseArray(low, pos, offset, depth);
            case 0xD:
                return ParseDictionary(low, pos, offset, depth);
            default:
                throw BadMarker(marker, offset);
        }
    }

    private object ParseInteger(int sizeExponent, int pos, int offset)
    {
        switch (sizeExponent)
        {
            case 0:
            case 1:
            case 2:
                // 1-, 2- and 4-byte integers are unsigned.
                int width = 1 << sizeExponent;
                return (long)ReadUnsigned(CheckRoom(pos, width, "integer"), width);
            case 3:
                return BinaryPrimitives.ReadInt64BigEndian(Take(pos, 8, "integer"));
            case 4:
            {
                // CoreFoundation writes UInt64 values above Int64.MaxValue as 16-byte integers.
                var raw = Take(pos, 16, "integer");
                ulong high = BinaryPrimitives.ReadUInt64BigEndian(raw);
                ulong lowWord = BinaryPrimitives.ReadUInt64BigEndian(raw[8..]);
                if (high == 0)
                {
                    return lowWord <= long.MaxValue ? (long)lowWord : lowWord;
                }

                if (high == ulong.MaxValue && lowWord > long.MaxValue)
                {
                    return (long)lowWord;
                }

                throw Fail(PlistError.BadValue, $"128-bit integer at offset {offset} does not fit in 64 bits");
            }

            default:
                throw Fail(PlistError.BadMarker, $"integer of 2^{sizeExponent} bytes at offset {offset}");
        }
    }

    private List<object?> ParseArray(int low, int pos, int offset, int depth)
    {
        int count = ReadCount(low, ref pos, _refSize, offset);
        var list = new List<object?>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(ParseObject(ReadRef(pos + (i * _refSize)), depth + 1));
        }

        return list;
    }

    private Dictionary<string, object?> ParseDictionary(int low, int pos, int offset, int depth)
    {
        // Keys' refs come first, then the values' refs.
        int count = ReadCount(low, ref pos, 2 * _refSize, offset);
        var dict = new Dictionary<string, object?>(count, StringComparer.Ordinal);
        int valuesStart = pos + (count * _refSize);
        for (int i = 0; i < count; i++)
        {
            object? key = ParseObject(ReadRef(pos + (i * _refSize)), depth + 1);
            if (key is not string name)
            {
                throw Fail(PlistError.BadKey, $"dictionary at offset {offset} has a {key?.GetType().Name ?? "null"} key");
            }

            object? value = ParseObject(ReadRef(valuesStart + (i * _refSize)), depth + 1);
            if (!dict.TryAdd(name, value))
            {
                throw Fail(PlistError.DuplicateKey, $"dictionary at offset {offset} repeats key '{name}'");
            }
        }

        return dict;
    }

    /// <summary>
    /// Reads the element count of a variable-length object: the marker's low nibble, or 0xF followed by an
    /// integer object. Checks that count × <paramref name="unitSize"/> bytes fit before the offset table.
    /// </summary>
    private int ReadCount(int low, ref int pos, int unitSize, int offset)
    {
        long count = low;
        if (low == 0xF)
        {
            byte intMarker = _data[CheckRoom(pos, 1, "count")];
            if (intMarker >> 4 != 0x1 || (intMarker & 0x0F) > 3)
            {
                throw Fail(PlistError.BadCount, $"extended count at offset {offset} is not a 1–8 byte integer (0x{intMarker:X2})");
            }

            int width = 1 << (intMarker & 0x0F);
            pos++;
            count = width == 8
                ? BinaryPrimitives.ReadInt64BigEndian(Take(pos, 8, "count"))
                : (long)ReadUnsigned(CheckRoom(pos, width, "count"), width);
            pos += width;
            if (count < 0 || count > int.MaxValue)
            {
                throw Fail(PlistError.BadCount, $"count {count} at offset {offset}");
            }
        }

        long available = _offsetTableOffset - (long)pos;
        if (count * unitSize > available)
        {
            throw Fail(PlistError.BadCount, $"object at offset {offset} claims {count} × {unitSize} bytes, {available} available");
        }

        _payloadBudget -= count * unitSize;
        if (_payloadBudget < 0)
        {
            throw Fail(PlistError.BadCount, $"object at offset {offset} overlaps others: more bytes decoded than the document holds");
        }

        return (int)count;
    }

    private int ReadRef(int pos)
    {
        ulong reference = ReadUnsigned(pos, _refSize);
        if (reference >= (ulong)_objectCount)
        {
            throw Fail(PlistError.BadReference, $"reference {reference} at offset {pos}, only {_objectCount} objects");
        }

        return (int)reference;
    }

    private ReadOnlySpan<byte> Take(int pos, int length, string what) => _data.Slice(CheckRoom(pos, length, what), length);

    /// <summary>Ensures [pos, pos+length) lies inside the object area; returns pos.</summary>
    private int CheckRoom(int pos, int length, string what)
    {
        if ((long)pos + length > _offsetTableOffset)
        {
            throw Fail(PlistError.BadCount, $"{what} of {length} bytes at offset {pos} runs past the object area");
        }

        return pos;
    }

    private ulong ReadUnsigned(int pos, int width)
    {
        ulong value = 0;
        foreach (byte b in _data.Slice(pos, width))
        {
            value = (value << 8) | b;
        }

        return value;
    }

    private static PlistFormatException BadMarker(byte marker, int offset) =>
        Fail(PlistError.BadMarker, $"unknown object marker 0x{marker:X2} at offset {offset}");

    private static PlistFormatException Fail(PlistError error, string reason) => new(error, reason);
}
