namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// The only exception the typedstream decoder throws: the blob is not a well-formed typedstream of the expected
/// shape. <see cref="Error"/> says which rule was broken and <see cref="Offset"/> where.
/// </summary>
public sealed class TypedStreamFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/> detected at byte <paramref name="offset"/>.</summary>
    public TypedStreamFormatException(TypedStreamError error, int offset, string detail)
        : base($"typedstream {error} at byte {offset}: {detail}")
    {
        Error = error;
        Offset = offset;
    }

    /// <summary>The broken rule.</summary>
    public TypedStreamError Error { get; }

    /// <summary>Byte offset in the input where the problem was detected (-1 when not tied to a position).</summary>
    public int Offset { get; }
}
