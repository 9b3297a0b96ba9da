using System.Buffers.Binary;
using System.Text;

namespace LineAgent.FakeChatDb;

/// <summary>
/// Low-level typedstream writer: integers in the shortest form NSArchiver uses, the shared-string table (type
/// encodings, class names, C-string bodies) and the object table (objects, classes, C strings) with
/// back-references. One instance writes one archive.
/// </summary>
internal sealed class TypedStreamWriter
{
    private const sbyte Int16Tag = -127;  // 0x81
    private const sbyte Int32Tag = -126;  // 0x82
    private const sbyte FloatTag = -125;  // 0x83
    private const sbyte NewTag = -124;    // 0x84
    private const sbyte NilTag = -123;    // 0x85
    private const sbyte EndTag = -122;    // 0x86
    private const sbyte Int64Tag = -121;  // 0x87
    private const int ReferenceBase = -110;

    private readonly Dictionary<string, int> _sharedStrings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _cStrings = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[256];
    private int _length;
    private int _objectCount;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    /// <summary>Version 4, "streamtyped" (little-endian), system version 1000: the header of every Messages body.</summary>
    public void WriteHeader()
    {
        WriteByte(4);
        WriteByte(11);
        WriteBytes("streamtyped"u8);
        WriteInteger(1000);
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>NSArchiver's integer rule: one byte if it fits int8 outside the tag range −128…−111, else 0x81 + int16,
    /// else 0x82 + int32, else 0x87 + int64.</summary>
    public void WriteInteger(long value)
    {
        if (value is >= -110 and <= 127)
        {
            WriteByte(unchecked((byte)(sbyte)value));
        }
        else if (value is >= short.MinValue and <= short.MaxValue)
        {
            WriteByte(unchecked((byte)Int16Tag));
            Span<byte> b = stackalloc byte[2];
            BinaryPrimitives.WriteInt16LittleEndian(b, (short)value);
            WriteBytes(b);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            WriteByte(unchecked((byte)Int32Tag));
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)value);
            WriteBytes(b);
        }
        else
        {
            WriteByte(unchecked((byte)Int64Tag));
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, value);
            WriteBytes(b);
        }
    }

    /// <summary>f/d values: integral values are written as integers (as in the corpus: height 1139.0 = <c>81 73 04</c>),
    /// others as 0x83 + IEEE-754 LE.</summary>
    public void WriteReal(double value, bool isDouble)
    {
        if (double.IsFinite(value) && value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            && !(value == 0 && double.IsNegative(value)))
        {
            WriteInteger((long)value);
            return;
        }

        WriteByte(unchecked((byte)FloatTag));
        if (isDouble)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteDoubleLittleEndian(b, value);
            WriteBytes(b);
        }
        else
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(b, (float)value);
            WriteBytes(b);
        }
    }

    public void WriteNil() => WriteByte(unchecked((byte)NilTag));

    public void WriteEndOfObject() => WriteByte(unchecked((byte)EndTag));

    /// <summary>A reference to table index <paramref name="index"/>.</summary>
    public void WriteReference(int index) => WriteInteger(index + ReferenceBase);

    /// <summary>A shared string (type encoding, class name, C-string body): literal the first time, then a reference.</summary>
    public void WriteSharedString(string value)
    {
        if (_sharedStrings.TryGetValue(value, out var index))
        {
            WriteReference(index);
            return;
        }

        _sharedStrings.Add(value, _sharedStrings.Count);
        WriteByte(unchecked((byte)NewTag));
        WriteUnsharedString(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The start of a group: its type encoding.</summary>
    public void WriteType(string encoding) => WriteSharedString(encoding);

    /// <summary>An unshared string ('+'): length + bytes.</summary>
    public void WriteUnsharedString(ReadOnlySpan<byte> bytes)
    {
        WriteInteger(bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>A C string ('*'): NEW + shared-string body (taking an object slot) the first time, then a reference.</summary>
    public void WriteCString(string value)
    {
        if (_cStrings.TryGetValue(value, out var index))
        {
            WriteReference(index);
            return;
        }

        WriteByte(unchecked((byte)NewTag));
        WriteSharedString(value);
        _cStrings.Add(value, _objectCount++);
    }

    /// <summary>Starts a NEW object: takes its object slot (before the class chain, as NSArchiver does) and returns it.</summary>
    public int BeginObject(params ReadOnlySpan<(string Name, int Version)> classChain)
    {
        WriteByte(unchecked((byte)NewTag));
        var slot = _objectCount++;
        foreach (var (name, version) in classChain)
        {
            if (_classes.TryGetValue(name, out var known))
            {
                WriteReference(known); // the rest of the chain is already in the table
                return slot;
            }

            WriteByte(unchecked((byte)NewTag));
            WriteSharedString(name);
            WriteInteger(version);
            _classes.Add(name, _objectCount++);
        }

        WriteNil(); // root class reached
        return slot;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
