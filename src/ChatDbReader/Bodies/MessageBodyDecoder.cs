using LineAgent.ChatDbReader.TypedStream;

namespace LineAgent.ChatDbReader.Bodies;

/// <summary>Turns <c>message.attributedBody</c> (typedstream) and <c>message.text</c> into a <see cref="MessageBody"/>.</summary>
public static class MessageBodyDecoder
{
    /// <summary>
    /// Decodes the typedstream first; falls back to the text column when the blob is absent or malformed.
    /// </summary>
    /// <param name="attributedBody">The <c>attributedBody</c> column, or null.</param>
    /// <param name="textColumn">The <c>text</c> column, or null.</param>
    /// <param name="error">The decode error when a non-empty blob could not be decoded; null otherwise.</param>
    /// <returns>The body, or null when neither column has content.</returns>
    public static MessageBody? Decode(byte[]? attributedBody, string? textColumn, out TypedStreamError? error)
    {
        error = null;
        if (attributedBody is { Length: > 0 })
        {
            try
            {
                var decoded = TypedStreamDecoder.Decode(attributedBody);
                return new MessageBody(decoded.Text, []);
            }
            catch (TypedStreamFormatException ex)
            {
                error = ex.Error;
            }
        }

        return textColumn is null ? null : new MessageBody(textColumn, []);
    }
}
