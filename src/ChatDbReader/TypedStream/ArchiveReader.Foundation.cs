namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// Field layouts of the Foundation classes as NSArchiver writes them (their <c>encodeWithCoder:</c> for a
/// non-keyed coder). Every layout ends with the end-of-object byte; a class the decoder does not know is read
/// structurally (typed groups until end-of-object), which is always possible because every group names its types.
/// </summary>
internal ref partial struct ArchiveReader
{
    private object? ReadObjectBody(int classSlot, int depth) => _objects[classSlot].Class switch
    {
        FoundationClass.NSString => ReadNSString(),
        FoundationClass.NSAttributedString => ReadNSAttributedString(depth),
        FoundationClass.NSDictionary => ReadNSDictionary(depth),
        FoundationClass.NSNumber => ReadNSNumber(),
        FoundationClass.NSURL => ReadNSUrl(depth),
        FoundationClass.NSData => ReadNSData(),
        FoundationClass.NSArray => ReadNSArray(depth, "i"u8, "NSArray"),
        FoundationClass.NSSet => ReadNSArray(depth, "I"u8, "NSSet"),
        FoundationClass.NSValue => ReadNSValue(depth),
        FoundationClass.NSDate => ReadNSDate(),
        FoundationClass.NSNull => ReadEmpty("NSNull", null),
        _ => ReadUnknown(classSlot, depth),
    };

    /// <summary>NSString / NSMutableString: one group "+" holding UTF-8 text (no terminator).</summary>
    private string ReadNSString()
    {
        ExpectType("+"u8, "NSString");
        if (!TryReadUnsharedBytes(out var utf8))
        {
            throw Error(TypedStreamError.BadObjectLayout, "NSString with nil text");
        }

        var text = KnownStrings.Decode(utf8);
        ExpectEndOfObject("NSString");
        return text;
    }

    /// <summary>
    /// NSAttributedString / NSMutableAttributedString: group "@" (the NSString), then runs as groups "iI"
    /// (dictionary number, UTF-16 length); a dictionary number one past the last seen is followed by a group "@"
    /// NSDictionary, a smaller one reuses that dictionary. Run lengths sum to the UTF-16 length of the text.
    /// </summary>
    private AttributedString ReadNSAttributedString(int depth)
    {
        ExpectType("@"u8, "NSAttributedString");
        if (ReadObject(depth) is not string text)
        {
            throw Error(TypedStreamError.BadObjectLayout, "NSAttributedString whose string is not an NSString");
        }

        AttributeRun[] runs = [];
        var runCount = 0;
        // Most bodies have one attribute dictionary: keep it in a local and only allocate a list for more.
        AttributeDictionary? firstDictionary = null;
        AttributeDictionary[] moreDictionaries = [];
        var dictionaryCount = 0;
        var start = 0;
        while (PeekHead() != TypedStreamTags.EndOfObject)
        {
            ExpectType("iI"u8, "NSAttributedString run");
            var number = ReadInteger(ReadHead(), unsigned: false);
            var length = ReadInteger(ReadHead(), unsigned: true);
            if (length < 0 || length > text.Length - start)
            {
                throw Error(TypedStreamError.BadObjectLayout,
                    $"run of {length} UTF-16 units at {start} runs past the text ({text.Length})");
            }

            AttributeDictionary attributes;
            if (number == dictionaryCount + 1)
            {
                ExpectType("@"u8, "NSAttributedString attributes");
                attributes = ReadObject(depth) switch
                {
                    AttributeDictionary d => d,
                    null => AttributeDictionary.Empty,
                    _ => throw Error(TypedStreamError.BadObjectLayout, "run attributes are not an NSDictionary"),
                };
                if (dictionaryCount++ == 0)
                {
                    firstDictionary = attributes;
                }
                else
                {
                    var more = dictionaryCount - 2;
                    Append(ref moreDictionaries, ref more, attributes);
                }
            }
            else if (number == 1 && firstDictionary is not null)
            {
                attributes = firstDictionary;
            }
            else if (number >= 2 && number <= dictionaryCount)
            {
                attributes = moreDictionaries[number - 2];
            }
            else
            {
                throw Error(TypedStreamError.BadObjectLayout,
                    $"run names attribute dictionary {number}, but only {dictionaryCount} were read");
            }

            Append(ref runs, ref runCount, new AttributeRun(start, (int)length, attributes));
            start += (int)length;
        }

        _pos++; // end of object
        if (start != text.Length)
        {
            throw Error(TypedStreamError.BadObjectLayout,
                $"runs cover {start} UTF-16 units of a {text.Length}-unit text");
        }

        if (runCount != runs.Length)
        {
            Array.Resize(ref runs, runCount);
        }

        return new AttributedString(text, runs);
    }

    /// <summary>NSDictionary / NSMutableDictionary: group "i" count, then count × (group "@" key, group "@" value).</summary>
    private AttributeDictionary ReadNSDictionary(int depth)
    {
        ExpectType("i"u8, "NSDictionary");
        // Each entry takes at least 4 bytes (two one-byte type references and two one-byte object references).
        var count = ReadCount(ReadInteger(ReadHead(), unsigned: false), 4);
        var dictionary = new AttributeDictionary(count);
        for (var i = 0; i < count; i++)
        {
            ExpectType("@"u8, "NSDictionary key");
            var key = ReadObject(depth) switch
            {
                string s => s,
                long n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw Error(TypedStreamError.BadObjectLayout, "NSDictionary key is not a string or integer"),
            };
            ExpectType("@"u8, "NSDictionary value");
            dictionary.Set(key, ReadObject(depth));
        }

        ExpectEndOfObject("NSDictionary");
        return dictionary;
    }

    /// <summary>NSNumber: group "*" (the ObjC type as a C string), then a group of that type with the value.</summary>
    private object ReadNSNumber()
    {
        ExpectType("*"u8, "NSNumber");
        var encodingSlot = ReadCString();
        if (encodingSlot < 0)
        {
            throw Error(TypedStreamError.BadObjectLayout, "NSNumber without a type");
        }

        var encoding = CStringBytes(encodingSlot);
        var groupType = ReadSharedStringBytes("type encoding");
        if (encoding.Length != 1 || !groupType.SequenceEqual(encoding))
        {
            throw Error(TypedStreamError.BadObjectLayout, "NSNumber value group does not match its declared scalar type");
        }

        var value = ReadScalar(encoding[0]);
        ExpectEndOfObject("NSNumber");
        return value;
    }

    /// <summary>NSURL: group "c" (1 = relative to a base), [group "@" base NSURL], group "@" the URL NSString.</summary>
    private TypedStreamUrl ReadNSUrl(int depth)
    {
        ExpectType("c"u8, "NSURL");
        TypedStreamUrl? baseUrl = null;
        if (ReadRawByte() != 0)
        {
            ExpectType("@"u8, "NSURL base");
            baseUrl = ReadObject(depth) switch
            {
                TypedStreamUrl u => u,
                null => null,
                _ => throw Error(TypedStreamError.BadObjectLayout, "NSURL base is not an NSURL"),
            };
        }

        ExpectType("@"u8, "NSURL");
        if (ReadObject(depth) is not string relative)
        {
            throw Error(TypedStreamError.BadObjectLayout, "NSURL string is not an NSString");
        }

        ExpectEndOfObject("NSURL");
        return new TypedStreamUrl(relative, baseUrl);
    }

    /// <summary>NSData / NSMutableData: group "i" length, then group "[Nc]" with the N bytes.</summary>
    private byte[] ReadNSData()
    {
        ExpectType("i"u8, "NSData");
        var length = ReadCount(ReadInteger(ReadHead(), unsigned: false), 1);
        var start = _pos;
        var type = ReadSharedStringBytes("type encoding");
        if (!TypeEncoding.TryParseByteArray(type, out var declared) || declared != length)
        {
            throw new TypedStreamFormatException(TypedStreamError.BadObjectLayout, start,
                $"NSData of {length} bytes is not followed by a [{length}c] group");
        }

        var bytes = ReadRawBytes(length).ToArray();
        ExpectEndOfObject("NSData");
        return bytes;
    }

    /// <summary>NSArray (count type "i") / NSSet (count type "I"): count, then one group "@" per element.</summary>
    private object?[] ReadNSArray(int depth, ReadOnlySpan<byte> countType, string owner)
    {
        ExpectType(countType, owner);
        // Each element takes at least 2 bytes (type reference + object reference).
        var count = ReadCount(ReadInteger(ReadHead(), unsigned: countType[0] == (byte)'I'), 2);
        var items = count == 0 ? [] : new object?[count];
        for (var i = 0; i < count; i++)
        {
            ExpectType("@"u8, owner);
            items[i] = ReadObject(depth);
        }

        ExpectEndOfObject(owner);
        return items;
    }

    /// <summary>NSValue: group "*" (the ObjC type), then a group of that type.</summary>
    private TypedStreamObject ReadNSValue(int depth)
    {
        ExpectType("*"u8, "NSValue");
        var encodingSlot = ReadCString();
        if (encodingSlot < 0)
        {
            throw Error(TypedStreamError.BadObjectLayout, "NSValue without a type");
        }

        var fields = new List<object?>(2) { KnownStrings.Decode(CStringBytes(encodingSlot)) };
        ReadGroup(fields, depth);
        ExpectEndOfObject("NSValue");
        return new TypedStreamObject("NSValue", fields);
    }

    /// <summary>NSDate: group "d" = seconds since 2001-01-01 00:00:00 UTC (Apple's reference date).</summary>
    private DateTimeOffset ReadNSDate()
    {
        ExpectType("d"u8, "NSDate");
        var seconds = ReadReal(isDouble: true);
        ExpectEndOfObject("NSDate");
        // Range check before converting (AddTicks throws outside DateTimeOffset's range); one second of margin
        // keeps rounding at the edges inside it.
        if (!double.IsFinite(seconds) || seconds < MinDateSeconds || seconds > MaxDateSeconds)
        {
            throw Error(TypedStreamError.BadObjectLayout, $"NSDate {seconds} s is outside the representable range");
        }

        return AppleEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    private static readonly DateTimeOffset AppleEpoch = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly double MinDateSeconds = (DateTimeOffset.MinValue - AppleEpoch).TotalSeconds + 1;
    private static readonly double MaxDateSeconds = (DateTimeOffset.MaxValue - AppleEpoch).TotalSeconds - 1;

    private object? ReadEmpty(string owner, object? value)
    {
        ExpectEndOfObject(owner);
        return value;
    }

    /// <summary>An unknown class: its typed groups in order, until end-of-object.</summary>
    private TypedStreamObject ReadUnknown(int classSlot, int depth)
    {
        var fields = new List<object?>();
        while (PeekHead() != TypedStreamTags.EndOfObject)
        {
            ReadGroup(fields, depth);
        }

        _pos++;
        return new TypedStreamObject(ClassName(classSlot), fields);
    }

    private static void Append<T>(ref T[] array, ref int count, T item)
    {
        if (count == array.Length)
        {
            Array.Resize(ref array, Math.Max(1, count * 2));
        }

        array[count++] = item;
    }
}
