namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// Decodes Apple NSArchiver "streamtyped" archives, the format of <c>message.attributedBody</c> in chat.db.
/// </summary>
public static class TypedStreamDecoder
{
    /// <summary>
    /// Decodes an archive whose root object is an NSAttributedString or NSMutableAttributedString.
    /// </summary>
    /// <exception cref="TypedStreamFormatException">The bytes are not such an archive (never any other exception).</exception>
    public static AttributedString Decode(ReadOnlySpan<byte> data) =>
        throw new TypedStreamFormatException(TypedStreamError.BadHeader, 0, "not implemented yet");
}
