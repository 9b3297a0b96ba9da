using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace LineAgent.Agent.Events;

/// <summary>
/// JSON Lines written straight into one byte buffer, value by value, for an object whose shape the caller knows (its
/// keys pre-encoded with their commas, see <see cref="Key"/>): the bulk path of `lineagent export`, where
/// <see cref="Utf8JsonWriter"/>'s per-call bookkeeping was most of the time spent on JSON. It writes the bytes
/// <see cref="Utf8JsonWriter"/> writes with <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>: strings that need
/// no escaping (most, and every GUID, handle and date) are copied as they are; any other goes through that same
/// encoder, as the writer does (tests compare the two on every kind of character). Full lines go to the stream in
/// chunks of <see cref="Chunk"/> bytes: one write() per chunk, not per line.
/// </summary>
public sealed class JsonLineWriter : IDisposable
{
    /// <summary>Bytes collected before one write to the stream.</summary>
    public const int Chunk = 64 * 1024;

    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Chunk + 16 * 1024);
    private int _length;

    public JsonLineWriter(Stream stream) => _stream = stream;

    /// <summary>A key as it is written after the value before it: <c>,"name":</c> (<c>"name":</c> for a first key).</summary>
    public static byte[] Key(string name, bool first = false)
    {
        var encoded = JsonEncodedText.Encode(name, Encoder).EncodedUtf8Bytes;
        var key = new byte[encoded.Length + (first ? 3 : 4)];
        var at = 0;
        if (!first)
            key[at++] = (byte)',';
        key[at++] = (byte)'"';
        encoded.CopyTo(key.AsSpan(at));
        at += encoded.Length;
        key[at++] = (byte)'"';
        key[at] = (byte)':';
        return key;
    }

    /// <summary>Bytes written as they are: pre-encoded keys, punctuation, literals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Raw(byte b)
    {
        Reserve(1)[0] = b;
        _length++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Number(long value)
    {
        value.TryFormat(Reserve(20), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Boolean(bool value) => Raw(value ? "true"u8 : "false"u8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Null() => Raw("null"u8);

    /// <summary>A string value from valid UTF-8, escaped as the writer escapes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per value of a bulk export: optimized from the first row
    public void String(ReadOnlySpan<byte> utf8)
    {
        // Quotes, then the bytes: as many as they are when nothing needs escaping, at most 6 per byte when it does
        // (a control byte becomes \u00XX; a 4-byte scalar, 12 bytes of \uXXXX\uXXXX).
        var destination = Reserve(checked(utf8.Length * 6 + 2));
        destination[0] = (byte)'"';
        int written;
        if (IsPlain(utf8))
        {
            utf8.CopyTo(destination[1..]);
            written = utf8.Length;
        }
        else
        {
            written = EscapeUtf8(utf8, destination[1..]);
        }
        destination[written + 1] = (byte)'"';
        _length += written + 2;
    }

    /// <summary>A string value (null for <see langword="null"/>), escaped as the writer escapes it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per value of a bulk export: optimized from the first row
    public void String(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        // Up to 6 chars of escape per char, each char at most 3 UTF-8 bytes when it is not (a surrogate pair: 4 for 2).
        var destination = Reserve(checked(value.Length * 6 + 2));
        destination[0] = (byte)'"';
        var written = NarrowPlain(value, destination[1..]) ? value.Length : EscapeUtf16(value, destination[1..]);
        destination[written + 1] = (byte)'"';
        _length += written + 2;
    }

    /// <summary>Ends the line; a full chunk goes to the stream.</summary>
    public void EndLine()
    {
        Raw((byte)'\n');
        if (_length >= Chunk)
            Flush();
    }

    /// <summary>Writes what is collected to the stream (whole lines, when called between them).</summary>
    public void Flush()
    {
        _stream.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes, growing the buffer for a huge value (a line is never split).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
            Grow(bytes);
        return _buffer.AsSpan(_length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int bytes)
    {
        var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_buffer.Length * 2, _length + bytes)));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    /// <summary>Only printable ASCII other than <c>"</c> and <c>\</c>: valid UTF-8 that the encoder passes through as is
    /// (it escapes only controls, DEL, <c>"</c>, <c>\</c> and some non-ASCII characters).</summary>
    private static bool IsPlain(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(utf8);
            for (; i + Vector128<byte>.Count <= utf8.Length; i += Vector128<byte>.Count)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                // Signed, bytes ≥ 0x80 are negative: below 0x20 as well.
                var escaped = Vector128.LessThan(v.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte()
                    | Vector128.Equals(v, Vector128.Create((byte)0x7F))
                    | Vector128.Equals(v, Vector128.Create((byte)'"'))
                    | Vector128.Equals(v, Vector128.Create((byte)'\\'));
                if (escaped != Vector128<byte>.Zero)
                    return false;
            }
        }
        for (; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\')
                return false;
        }
        return true;
    }

    /// <summary>The string narrowed to bytes when it is only printable ASCII other than <c>"</c> and <c>\</c>; false
    /// (bytes written undefined) otherwise.</summary>
    private static bool NarrowPlain(string value, Span<byte> destination)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
                return false;
            destination[i] = (byte)c;
        }
        return true;
    }

    /// <summary>What <see cref="Utf8JsonWriter.WriteStringValue(ReadOnlySpan{byte})"/> writes between the quotes:
    /// the bytes through the encoder (which copies what it need not escape).</summary>
    private static int EscapeUtf8(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        Encoder.EncodeUtf8(utf8, destination, out _, out var written);
        return written;
    }

    /// <summary>What <see cref="Utf8JsonWriter.WriteStringValue(string)"/> writes between the quotes: the string escaped
    /// by the encoder as UTF-16 (a lone surrogate becomes an escaped U+FFFD), then transcoded to UTF-8.</summary>
    private static int EscapeUtf16(string value, Span<byte> destination)
    {
        var escaped = ArrayPool<char>.Shared.Rent(value.Length * 6);
        try
        {
            Encoder.Encode(value, escaped, out _, out var chars);
            Utf8.FromUtf16(escaped.AsSpan(0, chars), destination, out _, out var bytes, replaceInvalidSequences: false);
            return bytes;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(escaped);
        }
    }
}
