namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>Helpers over Objective-C type-encoding strings ("@", "iI", "[535c]", "{_NSRange=QQ}").</summary>
internal static class TypeEncoding
{
    /// <summary>Type qualifiers (const, in, inout, out, bycopy, byref, oneway) carry no data.</summary>
    public static bool IsQualifier(byte c) => c is (byte)'r' or (byte)'n' or (byte)'N' or (byte)'o' or (byte)'O'
        or (byte)'R' or (byte)'V';

    /// <summary>True for "[Nc]" / "[NC]" (a byte array); <paramref name="count"/> is N.</summary>
    public static bool TryParseByteArray(ReadOnlySpan<byte> type, out int count)
    {
        count = 0;
        if (type.Length < 4 || type[0] != (byte)'[' || type[^1] != (byte)']'
            || type[^2] is not ((byte)'c' or (byte)'C'))
        {
            return false;
        }

        var i = 1;
        return TryParseCount(type, ref i, out count) && i == type.Length - 2;
    }

    /// <summary>Parses the decimal element count of an array encoding starting at <paramref name="i"/>.</summary>
    public static bool TryParseCount(ReadOnlySpan<byte> type, ref int i, out int count)
    {
        count = 0;
        var start = i;
        while (i < type.Length && type[i] is >= (byte)'0' and <= (byte)'9')
        {
            var next = (count * 10L) + (type[i] - '0');
            if (next > int.MaxValue)
            {
                return false;
            }

            count = (int)next;
            i++;
        }

        return i > start;
    }

    /// <summary>Advances <paramref name="i"/> past one complete type (used for zero-length arrays).</summary>
    public static bool TrySkip(ReadOnlySpan<byte> type, ref int i, int nesting)
    {
        if (nesting >= ArchiveReader.MaxDepth)
        {
            return false;
        }

        while (i < type.Length && IsQualifier(type[i]))
        {
            i++;
        }

        if (i >= type.Length)
        {
            return false;
        }

        var c = type[i++];
        switch (c)
        {
            case (byte)'[':
                if (!TryParseCount(type, ref i, out _) || !TrySkip(type, ref i, nesting + 1) || i >= type.Length
                    || type[i] != (byte)']')
                {
                    return false;
                }

                i++;
                return true;
            case (byte)'{':
                while (i < type.Length && type[i] is not ((byte)'=' or (byte)'}'))
                {
                    i++;
                }

                if (i < type.Length && type[i] == (byte)'=')
                {
                    i++;
                }

                while (i < type.Length && type[i] != (byte)'}')
                {
                    if (!TrySkip(type, ref i, nesting + 1))
                    {
                        return false;
                    }
                }

                if (i >= type.Length)
                {
                    return false;
                }

                i++;
                return true;
            default:
                return IsSimple(c) || c == (byte)'!';
        }
    }

    /// <summary>Single-character types the decoder can read.</summary>
    public static bool IsSimple(byte c) => c is (byte)'c' or (byte)'C' or (byte)'B' or (byte)'s' or (byte)'S'
        or (byte)'i' or (byte)'I' or (byte)'l' or (byte)'L' or (byte)'q' or (byte)'Q' or (byte)'f' or (byte)'d'
        or (byte)'*' or (byte)'%' or (byte)':' or (byte)'+' or (byte)'@' or (byte)'#';
}
