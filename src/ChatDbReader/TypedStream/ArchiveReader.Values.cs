namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>Generic typed values: a group is a type-encoding string followed by one value per type in it.</summary>
internal ref partial struct ArchiveReader
{
    // Boxed small integers are immutable, so one shared box per value is safe across threads.
    private static readonly object[] SmallIntegers = CreateSmallIntegers();

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[258];
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (long)(i - 2);
        }

        return boxes;
    }

    private static object Box(long value) =>
        value is >= -2 and < 256 ? SmallIntegers[value + 2] : value;

    /// <summary>Reads one group (type string + values) and appends its values to <paramref name="output"/>.</summary>
    public void ReadGroup(List<object?> output, int depth)
    {
        var start = _pos;
        var type = ReadSharedStringBytes("type encoding");
        if (type.IsEmpty)
        {
            throw new TypedStreamFormatException(TypedStreamError.BadTypeEncoding, start, "empty type encoding");
        }

        var i = 0;
        while (i < type.Length)
        {
            ReadTypedValue(type, ref i, output, depth);
        }
    }

    /// <summary>Reads a scalar of ObjC type <paramref name="type"/> (c C B s S i I l L q Q f d) as long/ulong/double.</summary>
    public object ReadScalar(byte type)
    {
        switch (type)
        {
            case (byte)'c':
                return Box((sbyte)ReadRawByte());
            case (byte)'C':
            case (byte)'B':
                return Box(ReadRawByte());
            case (byte)'s':
            case (byte)'i':
            case (byte)'l':
            case (byte)'q':
                return Box(ReadInteger(ReadHead(), unsigned: false));
            case (byte)'S':
            case (byte)'I':
            case (byte)'L':
                return Box(ReadInteger(ReadHead(), unsigned: true));
            case (byte)'Q':
                var q = ReadInteger(ReadHead(), unsigned: true);
                // Only an 8-byte value can exceed long.MaxValue; keep it exact as ulong rather than wrap the sign.
                return q < 0 ? (ulong)q : Box(q);
            case (byte)'f':
                return ReadReal(isDouble: false);
            case (byte)'d':
                return ReadReal(isDouble: true);
            default:
                throw Error(TypedStreamError.BadTypeEncoding, $"'{(char)type}' is not a scalar type");
        }
    }

    /// <summary>
    /// Reads one value of the type starting at <paramref name="i"/>. <paramref name="depth"/> counts object nesting and
    /// struct/array nesting together, so the two cannot multiply into a deep native stack.
    /// </summary>
    private void ReadTypedValue(ReadOnlySpan<byte> type, ref int i, List<object?> output, int depth)
    {
        if (depth >= MaxDepth)
        {
            throw Error(TypedStreamError.TooDeep, $"values nested deeper than {MaxDepth}");
        }

        while (i < type.Length && TypeEncoding.IsQualifier(type[i]))
        {
            i++;
        }

        if (i >= type.Length)
        {
            throw Error(TypedStreamError.BadTypeEncoding, "type encoding ends after a qualifier");
        }

        var c = type[i++];
        switch (c)
        {
            case (byte)'@':
                output.Add(ReadObject(depth));
                break;
            case (byte)'+':
                output.Add(TryReadUnsharedBytes(out var utf8) ? KnownStrings.Decode(utf8) : null);
                break;
            case (byte)'*':
                var cString = ReadCString();
                output.Add(cString < 0 ? null : KnownStrings.Decode(CStringBytes(cString)));
                break;
            case (byte)'%':
            case (byte)':':
                var shared = ReadSharedString();
                output.Add(shared < 0 ? null : KnownStrings.Decode(StringBytes(shared)));
                break;
            case (byte)'#':
                output.Add(ReadClassValue());
                break;
            case (byte)'!':
                // An int-sized field NSArchiver marks as ignored: the type is archived, no data is.
                output.Add(null);
                break;
            case (byte)'[':
                output.Add(ReadArray(type, ref i, depth + 1));
                break;
            case (byte)'{':
                output.Add(ReadStruct(type, ref i, depth + 1));
                break;
            default:
                if (!TypeEncoding.IsSimple(c))
                {
                    throw Error(TypedStreamError.BadTypeEncoding, $"unsupported type '{(char)c}'");
                }

                output.Add(ReadScalar(c));
                break;
        }
    }

    /// <summary>"[N t]": N raw bytes for t = c/C (returned as byte[]), otherwise N values of t.</summary>
    private object ReadArray(ReadOnlySpan<byte> type, ref int i, int depth)
    {
        if (!TypeEncoding.TryParseCount(type, ref i, out var count))
        {
            throw Error(TypedStreamError.BadTypeEncoding, "array type without a valid element count");
        }

        if (i + 1 < type.Length && type[i] is (byte)'c' or (byte)'C' && type[i + 1] == (byte)']')
        {
            i += 2;
            return ReadRawBytes(count).ToArray();
        }

        var elementType = i;
        if (count == 0)
        {
            if (!TypeEncoding.TrySkip(type, ref i, depth))
            {
                throw Error(TypedStreamError.BadTypeEncoding, "malformed array element type");
            }
        }
        else
        {
            // Every element consumes at least one byte (checked below), so N is bounded by the input left.
            ReadCount(count, 1);
        }

        var items = new List<object?>(Math.Min(count, 64));
        for (var k = 0; k < count; k++)
        {
            var before = _pos;
            i = elementType;
            ReadTypedValue(type, ref i, items, depth);
            if (_pos == before)
            {
                throw Error(TypedStreamError.BadTypeEncoding, "array element type occupies no bytes");
            }
        }

        if (i >= type.Length || type[i] != (byte)']')
        {
            throw Error(TypedStreamError.BadTypeEncoding, "array type not closed by ']'");
        }

        i++;
        return items;
    }

    /// <summary>"{name=types}": the field values in order.</summary>
    private object ReadStruct(ReadOnlySpan<byte> type, ref int i, int depth)
    {
        while (i < type.Length && type[i] is not ((byte)'=' or (byte)'}'))
        {
            i++;
        }

        if (i < type.Length && type[i] == (byte)'=')
        {
            i++;
        }

        var fields = new List<object?>();
        while (i < type.Length && type[i] != (byte)'}')
        {
            ReadTypedValue(type, ref i, fields, depth);
        }

        if (i >= type.Length)
        {
            throw Error(TypedStreamError.BadTypeEncoding, "struct type not closed by '}'");
        }

        i++;
        return fields;
    }
}
