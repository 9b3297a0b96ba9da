namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// Decodes Apple NSArchiver "streamtyped" archives, the format of <c>message.attributedBody</c> in chat.db.
/// Implements the grammar (header, shared-string and object tables with back-references, class chains, typed
/// groups) rather than searching for byte patterns, so long texts, back-referenced type strings and attribute
/// runs decode exactly. Pure: depends only on the input span; thread-safe.
/// </summary>
public static class TypedStreamDecoder
{
    /// <summary>
    /// Decodes an archive whose root object is an NSAttributedString or NSMutableAttributedString.
    /// </summary>
    /// <remarks>
    /// Offsets and lengths in the result are UTF-16 code units (NSString's unit), so they index the returned
    /// <see cref="AttributedString.Text"/> directly. The input must be exactly one archive: trailing bytes are an error
    /// (<see cref="TypedStreamError.ExtraData"/>).
    /// </remarks>
    /// <exception cref="TypedStreamFormatException">The bytes are not such an archive (never any other exception).</exception>
    public static AttributedString Decode(ReadOnlySpan<byte> data)
    {
        var root = DecodeObject(data);
        return root as AttributedString
            ?? throw new TypedStreamFormatException(TypedStreamError.NotAttributedString, -1,
                $"root object is {Describe(root)}, not an NSAttributedString");
    }

    /// <summary>
    /// Decodes an archive with any root object (the generic form; <see cref="Decode"/> is the message-body form).
    /// </summary>
    /// <returns>The root value, mapped as described on <see cref="AttributeRun.Attributes"/> (NSAttributedString as
    /// <see cref="AttributedString"/>, NSNull as null).</returns>
    /// <exception cref="TypedStreamFormatException">The bytes are not a well-formed archive (never any other exception).</exception>
    public static object? DecodeObject(ReadOnlySpan<byte> data)
    {
        var reader = new ArchiveReader(data);
        try
        {
            reader.ReadHeader();
            // NSArchiver's archiveRootObject: writes exactly one group of type "@".
            reader.ExpectType("@"u8, "root");
            var root = reader.ReadObject(0);
            if (!reader.AtEnd)
            {
                throw reader.Error(TypedStreamError.ExtraData, "bytes follow the end of the root object");
            }

            return root;
        }
        finally
        {
            reader.Release();
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "nil",
        TypedStreamObject o => o.ClassName,
        string => "an NSString",
        _ => value.GetType().Name,
    };
}
