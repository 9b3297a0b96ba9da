using LineAgent.ChatDbReader.TypedStream;

namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// One version of an edited message part: an element of <c>message_summary_info.ec["part"]</c>
/// (<c>{d, t, bcg?}</c>). The first version of a part is the original text, the last is the current one.
/// </summary>
/// <remarks>
/// The text is decoded lazily from the typedstream <see cref="AttributedBody"/> on first access to
/// <see cref="Body"/>, <see cref="Text"/> or <see cref="TextError"/>; decoding never throws. Instances are safe to
/// read from several threads (decoding is idempotent).
/// </remarks>
public sealed class MessageEditEvent
{
    // Published as one reference so a reader on another thread sees a complete result or none.
    private Decoded? _decoded;

    /// <summary>Creates an event; <paramref name="attributedBody"/> is kept as given (not copied).</summary>
    public MessageEditEvent(DateTimeOffset? date, byte[]? attributedBody, string? balloonMessageGuid)
    {
        Date = date;
        AttributedBody = attributedBody;
        BalloonMessageGuid = balloonMessageGuid;
    }

    /// <summary>
    /// Key <c>d</c>: when this version was written, UTC. Messages stores seconds since 2001-01-01 as a double
    /// (e.g. 690513474.2725511); an integer is read with <see cref="Time.AppleTime.ToDateTimeOffset"/>'s
    /// seconds/nanoseconds rule. Null when absent or unrepresentable.
    /// </summary>
    public DateTimeOffset? Date { get; }

    /// <summary>Key <c>t</c>: this version's body, a typedstream NSAttributedString like <c>message.attributedBody</c>; null when absent.</summary>
    public byte[]? AttributedBody { get; }

    /// <summary>
    /// Key <c>bcg</c>: a message GUID Messages records on versions that turned the part into a link; in the
    /// public vectors it accompanies edits to a URL (it names the link-preview balloon row). Null when absent.
    /// </summary>
    public string? BalloonMessageGuid { get; }

    /// <summary>The decoded body, or null when <see cref="AttributedBody"/> is absent or malformed.</summary>
    public AttributedString? Body => Decode().Body;

    /// <summary>The text of this version, or null when it could not be decoded (see <see cref="TextError"/>).</summary>
    public string? Text => Body?.Text;

    /// <summary>Why the body could not be decoded, or null when it was (or when there is no body).</summary>
    public TypedStreamError? TextError => Decode().Error;

    private Decoded Decode()
    {
        if (Volatile.Read(ref _decoded) is { } done)
        {
            return done;
        }

        Decoded result;
        try
        {
            result = new Decoded(AttributedBody is { } blob ? TypedStreamDecoder.Decode(blob) : null, null);
        }
        catch (TypedStreamFormatException ex)
        {
            result = new Decoded(null, ex.Error);
        }

        Volatile.Write(ref _decoded, result);
        return result;
    }

    private sealed record Decoded(AttributedString? Body, TypedStreamError? Error);
}
