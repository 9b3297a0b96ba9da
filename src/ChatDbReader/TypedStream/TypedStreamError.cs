namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>Why a typedstream (NSArchiver "streamtyped") blob could not be decoded.</summary>
public enum TypedStreamError
{
    /// <summary>The 16-byte header is not version 4, "streamtyped", system version 1000.</summary>
    BadHeader,

    /// <summary>The input ended in the middle of an item, or a declared length/count runs past the end of an input
    /// that does not end like a complete archive (so it was most likely cut short).</summary>
    Truncated,

    /// <summary>The archive's bytes disagree with its declared sizes: bytes remain after the root object was complete,
    /// or a declared length runs past the end of an input that otherwise ends like a complete archive (with the root's
    /// end-of-object byte). Corpus vector <c>ExtraData</c>: text length declared as 157 bytes, but only 120 bytes
    /// remain and they hold the text and the rest of a well-formed archive.</summary>
    ExtraData,

    /// <summary>A head byte that is not allowed in its position (e.g. a float tag where an object must start).</summary>
    UnexpectedTag,

    /// <summary>A back-reference to a shared-string or object table slot that does not exist (or of the wrong kind).</summary>
    BadReference,

    /// <summary>A type-encoding string that is empty, unsupported or malformed.</summary>
    BadTypeEncoding,

    /// <summary>A negative length or count.</summary>
    BadLength,

    /// <summary>Objects are nested deeper than the decoder's bound.</summary>
    TooDeep,

    /// <summary>A known class whose fields do not have the layout Foundation writes (e.g. an NSAttributedString
    /// whose run lengths do not add up to its text).</summary>
    BadObjectLayout,

    /// <summary>The root object is not an NSAttributedString / NSMutableAttributedString.</summary>
    NotAttributedString,
}
