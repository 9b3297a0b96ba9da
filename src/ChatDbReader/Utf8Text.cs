using System.Text;

namespace LineAgent.ChatDbReader;

/// <summary>
/// A text value of a chat.db row as a bulk reader hands it on without making a string: the UTF-8 bytes SQLite holds,
/// when they are a valid TEXT value; else the string the record path makes of the value (a number stored in a text
/// column, invalid UTF-8 with U+FFFD, a text decoded from attributedBody). Either way the same text as the record's
/// property. Valid only until the batch it came from is disposed; <see cref="ToString"/> copies it out.
/// </summary>
public readonly ref struct Utf8Text
{
    private readonly ReadOnlySpan<byte> _utf8;
    private readonly bool _hasValue;

    /// <summary>Valid UTF-8 (the caller checked), passed on as is.</summary>
    internal Utf8Text(ReadOnlySpan<byte> validUtf8)
    {
        _utf8 = validUtf8;
        _hasValue = true;
    }

    /// <summary>A value that is a string already (null for NULL).</summary>
    public Utf8Text(string? value)
    {
        String = value;
        _hasValue = value is not null;
    }

    /// <summary>NULL.</summary>
    public static Utf8Text Null => default;

    /// <summary>The empty text.</summary>
    public static Utf8Text Empty => new(ReadOnlySpan<byte>.Empty);

    /// <summary>The value was NULL.</summary>
    public bool IsNull => !_hasValue;

    /// <summary>The value as a string when it is not passed on as bytes; null otherwise (and for NULL).</summary>
    public string? String { get; }

    /// <summary>The value's UTF-8 bytes when <see cref="String"/> is null (empty for NULL).</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>Not NULL, and no characters: what <c>string.IsNullOrEmpty</c> is for the record's property.</summary>
    public bool IsNullOrEmpty => IsNull || (String is { } s ? s.Length == 0 : _utf8.IsEmpty);

    /// <summary>NULL when empty (the record path's NullIfEmpty), else this.</summary>
    public Utf8Text NullIfEmpty() => IsNullOrEmpty ? Null : this;

    /// <summary>The text as a string (null for NULL): a copy.</summary>
    public override string? ToString() => IsNull ? null : String ?? Encoding.UTF8.GetString(_utf8);
}
