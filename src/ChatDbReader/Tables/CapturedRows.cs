using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using SQLitePCL;

namespace LineAgent.ChatDbReader.Tables;

/// <summary>
/// Rows of one statement copied out of SQLite as stored (storage class, then the integer, the real or the bytes),
/// nothing decoded: the thread reading chat.db does little more than step SQLite, and turning the rows into records
/// (strings, dates, typedstream bodies) is left to whoever consumes them, on any thread (issue 15: the export reads
/// on one core and decodes and writes on the other). The arrays come from <see cref="ArrayPool{T}"/> and go back on
/// <see cref="Dispose"/>; rows must not be read after that.
/// </summary>
internal sealed class CapturedRows : IDisposable
{
    private readonly int _columns;
    private byte[] _types;
    // Per value: the INTEGER, the REAL's bits, or for TEXT and BLOB the offset into _bytes (high 32 bits) and length.
    private long[] _values;
    private byte[] _bytes;
    private int _used;

    public CapturedRows(int columns, int expectedRows)
    {
        _columns = columns;
        var values = columns * Math.Max(1, expectedRows);
        _types = ArrayPool<byte>.Shared.Rent(values);
        _values = ArrayPool<long>.Shared.Rent(values);
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(1, expectedRows) * 128);
    }

    public int Count { get; private set; }

    public CapturedRow this[int row] => (uint)row < (uint)Count ? new(this, row * _columns) : throw new ArgumentOutOfRangeException(nameof(row));

    /// <summary>Copies the statement's current row (its first <c>columns</c> columns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // per row of a bulk read: optimized from the first row, not once tiering gets to it (a short export is over by then)
    public void Add(RawStatement statement)
    {
        var start = Count * _columns;
        if (start + _columns > _types.Length)
        {
            Grow(ref _types, start + _columns);
            Grow(ref _values, start + _columns);
        }
        for (var i = 0; i < _columns; i++)
        {
            var type = statement.Type(i);
            _types[start + i] = (byte)type;
            switch (type)
            {
                case raw.SQLITE_INTEGER:
                    _values[start + i] = statement.Int64(i);
                    break;
                case raw.SQLITE_FLOAT:
                    _values[start + i] = BitConverter.DoubleToInt64Bits(statement.Double(i));
                    break;
                case raw.SQLITE_TEXT or raw.SQLITE_BLOB:
                    var (pointer, length) = statement.Bytes(i);
                    if (_used + length > _bytes.Length)
                        Grow(ref _bytes, _used + length);
                    if (length > 0)
                        Marshal.Copy(pointer, _bytes, _used, length);
                    _values[start + i] = ((long)_used << 32) | (uint)length;
                    _used += length;
                    break;
            }
        }
        Count++;
    }

    /// <summary>Returns the arrays to the pool. A row read after this throws (its arrays are now empty ones): it never
    /// shows memory that another batch may hold by then.</summary>
    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_types);
        ArrayPool<long>.Shared.Return(_values);
        ArrayPool<byte>.Shared.Return(_bytes);
        _types = [];
        _values = [];
        _bytes = [];
        Count = 0;
    }

    internal int Type(int value) => _types[value];

    internal long Value(int value) => _values[value];

    internal ReadOnlySpan<byte> Bytes(int value) => _bytes.AsSpan((int)(_values[value] >> 32), (int)(uint)_values[value]);

    /// <summary>Valid UTF-8: the ASCII run checked here, 16 bytes at a time (most texts are all ASCII, and the
    /// runtime's own check runs unoptimized for the first part of a short export), the rest by the runtime.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(bytes);
            for (; i + Vector128<byte>.Count <= bytes.Length; i += Vector128<byte>.Count)
                if (Vector128.ExtractMostSignificantBits(Vector128.LoadUnsafe(ref start, (nuint)i)) != 0)
                    break;
        }
        for (; i < bytes.Length; i++)
            if (bytes[i] >= 0x80)
                return System.Text.Unicode.Utf8.IsValid(bytes[i..]);
        return true;
    }

    private static void Grow<T>(ref T[] array, int needed)
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(needed, array.Length * 2));
        array.AsSpan().CopyTo(larger);
        ArrayPool<T>.Shared.Return(array);
        array = larger;
    }
}

/// <summary>
/// One captured row through <see cref="IRowColumns"/>: the values Microsoft.Data.Sqlite's getters give for every
/// storage class (tests compare the two on every kind of value a chat.db column can hold).
/// </summary>
internal readonly struct CapturedRow(CapturedRows rows, int first) : IRowColumns
{
    public string? Text(int i) => rows.Type(first + i) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_TEXT => Encoding.UTF8.GetString(rows.Bytes(first + i)),    // invalid UTF-8 → U+FFFD, as SQLite's reader
        raw.SQLITE_INTEGER => rows.Value(first + i).ToString(CultureInfo.InvariantCulture),
        raw.SQLITE_FLOAT => BitConverter.Int64BitsToDouble(rows.Value(first + i)).ToString(CultureInfo.InvariantCulture),
        _ => typeof(byte[]).ToString(),
    };

    /// <summary><see cref="Text"/> without making a string where the stored bytes are valid UTF-8 TEXT (the same
    /// characters either way); valid until the rows are disposed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // per text column of a bulk read; the rare kinds out of line
    public Utf8Text Utf8(int i)
    {
        var type = rows.Type(first + i);
        if (type == raw.SQLITE_NULL)
            return Utf8Text.Null;
        return type == raw.SQLITE_TEXT && CapturedRows.IsValidUtf8(rows.Bytes(first + i)) ? new Utf8Text(rows.Bytes(first + i)) : new Utf8Text(Text(i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // per integer column of a bulk read; the rare kinds out of line
    public long Int(int i) => rows.Type(first + i) == raw.SQLITE_INTEGER ? rows.Value(first + i) : Converted(i);

    /// <summary>A value stored as anything but an INTEGER, as Microsoft.Data.Sqlite's GetInt64 converts it.</summary>
    private long Converted(int i) => rows.Type(first + i) switch
    {
        raw.SQLITE_FLOAT => (long)BitConverter.Int64BitsToDouble(rows.Value(first + i)),
        raw.SQLITE_TEXT when long.TryParse(rows.Bytes(first + i), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
        _ => 0,
    };

    public long? NullableInt(int i) => rows.Type(first + i) == raw.SQLITE_NULL ? null : Int(i);

    public bool Bool(int i) => Int(i) != 0;

    /// <summary>The value is NULL (what <see cref="Utf8"/>'s IsNull says, without checking its bytes).</summary>
    public bool IsNull(int i) => rows.Type(first + i) == raw.SQLITE_NULL;

    /// <summary><see cref="Text"/> is null or "" (what <see cref="Utf8"/>'s IsNullOrEmpty says, without checking its
    /// bytes): NULL, or an empty TEXT; a number or a BLOB always has characters, and invalid UTF-8 at least U+FFFD.</summary>
    public bool IsNullOrEmptyText(int i) => rows.Type(first + i) switch
    {
        raw.SQLITE_NULL => true,
        raw.SQLITE_TEXT => (int)(uint)rows.Value(first + i) == 0,
        _ => false,
    };

    public ReadOnlySpan<byte> Blob(int i) => rows.Type(first + i) == raw.SQLITE_BLOB ? rows.Bytes(first + i) : default;
}
