namespace LineAgent.FakeChatDb;

/// <summary>
/// One attribute run for <see cref="TypedStreamEncoder"/>.
/// </summary>
/// <param name="Length">Length in UTF-16 code units; runs are consecutive and must sum to the text length.</param>
/// <param name="Attributes">Attribute name → value (int → NSNumber "i", long → "q", double → "d", bool → "c",
/// string → NSString, Uri → NSURL, byte[] → NSData, IReadOnlyDictionary → NSDictionary), written in enumeration
/// order.</param>
public sealed record EncodedRun(int Length, IReadOnlyDictionary<string, object> Attributes)
{
    /// <summary>
    /// A run as Messages writes it for one message part: <c>__kIMMessagePartAttributeName</c> = <paramref name="part"/>
    /// plus, when given, the attachment GUID (on a 1-unit U+FFFC run), the confirmed mention handle, or the link.
    /// </summary>
    public static EncodedRun Part(int length, int part, string? attachmentGuid = null, string? mentionHandle = null,
        Uri? link = null)
    {
        var attributes = new Dictionary<string, object>();
        if (attachmentGuid is not null)
        {
            attributes["__kIMFileTransferGUIDAttributeName"] = attachmentGuid;
        }

        if (link is not null)
        {
            attributes["__kIMLinkAttributeName"] = link;
        }

        attributes[TypedStreamEncoder.MessagePartAttribute] = part;
        if (mentionHandle is not null)
        {
            attributes["__kIMMentionConfirmedMention"] = mentionHandle;
        }

        return new EncodedRun(length, attributes);
    }
}
