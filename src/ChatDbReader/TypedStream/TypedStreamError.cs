namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>Why a typedstream (NSArchiver "streamtyped") blob could not be decoded.</summary>
public enum TypedStreamError
{
    /// <summary>The 16-byte header is not version 4, "streamtyped", system version 1000.</summary>
    BadHeader,

    /// <summary>The input ended in the middle of an item (a declared length runs past the end).</summary>
    Truncated,

    /// <summary>Bytes remain after the root object was complete, or a declared length disagrees with the content
    /// (the corpus vector <c>ExtraData</c>: declared text length 157, only 120 bytes of text before the next object).</summary>
    ExtraData,

    /// <summary>A head byte that is not allowed in its position (e.g. a float tag where an object must start).</summary>
    UnexpectedTag,

    /// <summary>A back-reference to a shared-string or object table slot that does not exist (or of the wrong kind).</summary>
    BadReference,

    /// <summary>A type-encoding string that is empty, unsupported or malformed.</summary>
    BadTypeEncoding,

    /// <summary>A length or count that is negative or larger than the remaining input allows.</summary>
    BadLength,

    /// <summary>Objects are nested deeper than the decoder's bound.</summary>
    TooDeep,

    /// <summary>A known class whose fields do not have the layout Foundation writes (e.g. an NSAttributedString
    /// whose run lengths do not add up to its text).</summary>
    BadObjectLayout,

    /// <summary>The root object is not an NSAttributedString / NSMutableAttributedString.</summary>
    NotAttributedString,
}
