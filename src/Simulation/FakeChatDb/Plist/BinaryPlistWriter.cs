using System.Buffers.Binary;
using System.Collections;
using System.Numerics;
using LineAgent.ChatDbReader.Plist;
using LineAgent.ChatDbReader.Time;

namespace LineAgent.FakeChatDb;

/// <summary>
/// Writes Apple binary property lists (<c>bplist00</c>) for fixtures — <c>message_summary_info</c>,
/// <c>payload_data</c> — laid out as CoreFoundation does: header, objects in depth-first order (a container before its
/// children; a dict's keys before its values), equal scalars stored once, big-endian offset table, 32-byte trailer.
/// Writing a parsed Messages plist back gives the same bytes (see BinaryPlistMessagesLayoutTests).
/// </summary>
/// <remarks>
/// Accepted values (the parser's value types and their obvious sources): null; <see cref="bool"/>; any integer type
/// (negative → 8-byte signed, <see cref="ulong"/> above <see cref="long.MaxValue"/> → 16-byte, otherwise the
/// smallest of 1/2/4/8 bytes); <see cref="float"/> → 4-byte real; <see cref="double"/> → 8-byte real;
/// <see cref="DateTimeOffset"/> / <see cref="DateTime"/> → date; <see cref="byte"/>[] → data; <see cref="string"/> →
/// ASCII when every char is below 0x80, else UTF-16BE; <see cref="PlistUid"/> → UID; an <see cref="IDictionary"/>
/// with string keys → dict (in enumeration order); an <see cref="ISet{T}"/> → set; any other
/// <see cref="IEnumerable"/> → array. Counts of 15 or more use the extended-count form.
/// Throws <see cref="ArgumentException"/> for other types, non-string keys and containers that contain themselves.
/// </remarks>
public static class BinaryPlistWriter
{
    /// <summary>Serializes <paramref name="value"/> as a complete bplist00 document.</summary>
    public static byte[] Write(object? value)
    {
        var objects = new ObjectTable();
        int top = objects.Add(value);
        return Serialize(objects.Items, top);
    }

    private static byte[] Serialize(List<object?> items, int top)
    {
        int refSize = BytesFor((ulong)Math.Max(items.Count - 1, 0));
        using var stream = new MemoryStream();
        stream.Write("bplist00"u8);
        var offsets = new long[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            offsets[i] = stream.Position;
            WriteObject(stream, items[i], refSize);
        }

        long tableOffset = stream.Position;
        int offsetSize = BytesFor((ulong)tableOffset);
        foreach (long offset in offsets)
        {
            WriteBigEndian(stream, (ulong)offset, offsetSize);
        }

        Span<byte> trailer = stackalloc byte[32];
        trailer.Clear();
        trailer[6] = (byte)offsetSize;
        trailer[7] = (byte)refSize;
        BinaryPrimitives.WriteUInt64BigEndian(trailer[8..], (ulong)items.Count);
        BinaryPrimitives.WriteUInt64BigEndian(trailer[16..], (ulong)top);
        BinaryPrimitives.WriteUInt64BigEndian(trailer[24..], (ulong)tableOffset);
        stream.Write(trailer);
        return stream.ToArray();
    }

    private static void WriteObject(Stream s, object? item, int refSize)
    {
        switch (item)
        {
            case null:
                s.WriteByte(0x00);
                break;
            case bool b:
                s.WriteByte(b ? (byte)0x09 : (byte)0x08);
                break;
            case long n:
                WriteInteger(s, n);
                break;
            case ulong big:
                s.WriteByte(0x14);
                WriteBigEndian(s, 0, 8);
                WriteBigEndian(s, big, 8);
                break;
            case float f:
                s.WriteByte(0x22);
                WriteBigEndian(s, BitConverter.SingleToUInt32Bits(f), 4);
                break;
            case double d:
                s.WriteByte(0x23);
                WriteBigEndian(s, BitConverter.DoubleToUInt64Bits(d), 8);
                break;
            case DateTimeOffset date:
                s.WriteByte(0x33);
                WriteBigEndian(s, BitConverter.DoubleToUInt64Bits(AppleTime.ToSeconds(date)), 8);
                break;
            case byte[] data:
                WriteMarker(s, 0x40, data.Length);
                s.Write(data);
                break;
            case string text when text.All(c => c < 0x80):
                WriteMarker(s, 0x50, text.Length);
                foreach (char c in text)
                {
                    s.WriteByte((byte)c);
                }

                break;
            case string text:
                WriteMarker(s, 0x60, text.Length);
                foreach (char c in text)
                {
                    WriteBigEndian(s, c, 2);
                }

                break;
            case PlistUid uid:
                int width = BytesFor(uid.Value);
                s.WriteByte((byte)(0x80 | (width - 1)));
                WriteBigEndian(s, uid.Value, width);
                break;
            case FlatContainer container:
                WriteMarker(s, container.Marker, container.Count);
                foreach (int reference in container.References)
                {
                    WriteBigEndian(s, (ulong)reference, refSize);
                }

                break;
            default:
                throw new InvalidOperationException($"unexpected flattened item {item.GetType()}");
        }
    }

    private static void WriteInteger(Stream s, long n)
    {
        if (n < 0)
        {
            s.WriteByte(0x13);
            WriteBigEndian(s, (ulong)n, 8);
            return;
        }

        int width = BytesFor((ulong)n);
        s.WriteByte((byte)(0x10 | BitOperations.Log2((uint)width)));
        WriteBigEndian(s, (ulong)n, width);
    }

    /// <summary>Type nibble plus count; counts of 15 or more become 0xF followed by an integer object.</summary>
    private static void WriteMarker(Stream s, byte type, int count)
    {
        if (count < 15)
        {
            s.WriteByte((byte)(type | count));
            return;
        }

        s.WriteByte((byte)(type | 0x0F));
        WriteInteger(s, count);
    }

    private static void WriteBigEndian(Stream s, ulong value, int width)
    {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
        {
            s.WriteByte((byte)(value >> shift));
        }
    }

    /// <summary>Smallest of 1, 2, 4, 8 bytes that holds <paramref name="value"/> (CoreFoundation's choice).</summary>
    private static int BytesFor(ulong value) => value switch
    {
        <= byte.MaxValue => 1,
        <= ushort.MaxValue => 2,
        <= uint.MaxValue => 4,
        _ => 8,
    };

    /// <summary>Equality for uniquing scalars: same type and value; byte arrays by content.</summary>
    private sealed class ScalarComparer : IEqualityComparer<object>
    {
        public static readonly ScalarComparer Instance = new();

        public new bool Equals(object? x, object? y) => (x, y) switch
        {
            (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
            (double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b), // keeps -0.0
            (float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b),
            (DateTimeOffset a, DateTimeOffset b) => a.EqualsExact(b),
            _ => x is not null && y is not null && x.GetType() == y.GetType() && x.Equals(y),
        };

        public int GetHashCode(object obj) => obj switch
        {
            byte[] data => HashCode.Combine(data.Length, data.Length > 0 ? data[0] : 0, data.Length > 0 ? data[^1] : 0),
            double d => BitConverter.DoubleToInt64Bits(d).GetHashCode(),
            float f => BitConverter.SingleToInt32Bits(f),
            _ => HashCode.Combine(obj.GetType(), obj),
        };
    }

    /// <summary>A container whose children have been replaced by object indexes (dict: keys then values).</summary>
    private sealed record FlatContainer(byte Marker, int Count, int[] References);

    /// <summary>Assigns object indexes depth-first and normalizes values to the few types WriteObject knows.</summary>
    private sealed class ObjectTable
    {
        // CoreFoundation stores equal scalars (strings, numbers, booleans, dates, data) once; containers never.
        private readonly Dictionary<object, int> _scalars = new(ScalarComparer.Instance);
        private int _nullIndex = -1;
        private readonly HashSet<object> _open = new(ReferenceEqualityComparer.Instance);

        public List<object?> Items { get; } = [];

        public int Add(object? value)
        {
            switch (value)
            {
                case null:
                    return _nullIndex >= 0 ? _nullIndex : _nullIndex = Append(null);
                case string or bool or long or float or double or DateTimeOffset or byte[] or PlistUid:
                    return AddScalar(value);
                case ulong big:
                    return AddScalar(big <= long.MaxValue ? (long)big : big);
                case int or uint or short or ushort or sbyte or byte:
                    return AddScalar(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                case DateTime time:
                    return AddScalar(new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time));
                case IDictionary dict:
                    return AddContainer(dict, () => Dictionary(dict));
                case IEnumerable sequence:
                    return AddContainer(sequence, () => Sequence(sequence));
                default:
                    throw new ArgumentException($"BinaryPlistWriter cannot write a {value.GetType()}", nameof(value));
            }
        }

        private int AddScalar(object value)
        {
            if (!_scalars.TryGetValue(value, out int index))
            {
                index = Append(value);
                _scalars[value] = index;
            }

            return index;
        }

        private int Append(object? item)
        {
            Items.Add(item);
            return Items.Count - 1;
        }

        private int AddContainer(object container, Func<FlatContainer> flatten)
        {
            if (!_open.Add(container))
            {
                throw new ArgumentException("BinaryPlistWriter: a container contains itself", nameof(container));
            }

            int index = Append(null); // reserve: a container precedes its children
            Items[index] = flatten();
            _open.Remove(container);
            return index;
        }

        private FlatContainer Dictionary(IDictionary dict)
        {
            var keys = new List<int>();
            var values = new List<object?>();
            foreach (DictionaryEntry entry in dict)
            {
                if (entry.Key is not string key)
                {
                    throw new ArgumentException($"BinaryPlistWriter: dictionary key {entry.Key} is not a string", nameof(dict));
                }

                keys.Add(Add(key));
                values.Add(entry.Value);
            }

            var references = keys.Concat(values.Select(Add).ToList()).ToArray();
            return new FlatContainer(0xD0, keys.Count, references);
        }

        private FlatContainer Sequence(IEnumerable sequence)
        {
            bool isSet = sequence.GetType().GetInterfaces()
                .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));
            var references = new List<int>();
            foreach (object? item in sequence)
            {
                references.Add(Add(item));
            }

            return new FlatContainer(isSet ? (byte)0xC0 : (byte)0xA0, references.Count, references.ToArray());
        }
    }
}
