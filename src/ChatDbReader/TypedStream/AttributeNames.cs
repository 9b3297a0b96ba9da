namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// Attribute keys Messages writes into <c>message.attributedBody</c> (from imessage-exporter
/// <c>tables/messages/body.rs</c> and the corpus vectors).
/// </summary>
public static class AttributeNames
{
    /// <summary>NSNumber: the message-part index (0, 1, 2…) that tapbacks (<c>p:N/</c>) and edits refer to.</summary>
    public const string MessagePart = "__kIMMessagePartAttributeName";

    /// <summary>NSString: <c>attachment.guid</c> of the file shown by a U+FFFC run.</summary>
    public const string FileTransferGuid = "__kIMFileTransferGUIDAttributeName";

    /// <summary>NSString: the attachment's file name.</summary>
    public const string Filename = "__kIMFilenameAttributeName";

    /// <summary>NSNumber: inline media width (points).</summary>
    public const string InlineMediaWidth = "__kIMInlineMediaWidthAttributeName";

    /// <summary>NSNumber: inline media height (points).</summary>
    public const string InlineMediaHeight = "__kIMInlineMediaHeightAttributeName";

    /// <summary>NSNumber q: writing direction (−1 = natural).</summary>
    public const string BaseWritingDirection = "__kIMBaseWritingDirectionAttributeName";

    /// <summary>NSURL: a link (also data-detected phone numbers as <c>tel:</c> URLs).</summary>
    public const string Link = "__kIMLinkAttributeName";

    /// <summary>NSNumber c: 1 when the link is shown as a rich link preview.</summary>
    public const string LinkIsRichLink = "__kIMLinkIsRichLinkAttributeName";

    /// <summary>NSData: a keyed archive describing a data-detector result.</summary>
    public const string DataDetected = "__kIMDataDetectedAttributeName";

    /// <summary>NSString: the mentioned handle; the run text is the display name.</summary>
    public const string MentionConfirmedMention = "__kIMMentionConfirmedMention";

    /// <summary>NSDictionary: a detected one-time code (<c>code</c>, <c>displayCode</c>).</summary>
    public const string OneTimeCode = "__kIMOneTimeCodeAttributeName";

    /// <summary>NSData: data-detected calendar event.</summary>
    public const string CalendarEvent = "__kIMCalendarEventAttributeName";

    /// <summary>NSData: data-detected phone number.</summary>
    public const string PhoneNumber = "__kIMPhoneNumberAttributeName";

    /// <summary>NSData: data-detected postal address.</summary>
    public const string Address = "__kIMAddressAttributeName";

    /// <summary>NSData: data-detected amount of money.</summary>
    public const string Money = "__kIMMoneyAttributeName";

    /// <summary>NSNumber: bold text.</summary>
    public const string TextBold = "__kIMTextBoldAttributeName";

    /// <summary>NSNumber: italic text.</summary>
    public const string TextItalic = "__kIMTextItalicAttributeName";

    /// <summary>NSNumber: underlined text.</summary>
    public const string TextUnderline = "__kIMTextUnderlineAttributeName";

    /// <summary>NSNumber: struck-through text.</summary>
    public const string TextStrikethrough = "__kIMTextStrikethroughAttributeName";

    /// <summary>NSNumber: animated text effect id.</summary>
    public const string TextEffect = "__kIMTextEffectAttributeName";

    /// <summary>Genmoji / emoji image attribute.</summary>
    public const string EmojiImage = "__kIMEmojiImageAttributeName";

    /// <summary>Breadcrumb marker (app/sticker placeholder text).</summary>
    public const string BreadcrumbTextMarker = "__kIMBreadcrumbTextMarkerAttributeName";

    /// <summary>Breadcrumb option flags.</summary>
    public const string BreadcrumbTextOptionFlags = "__kIMBreadcrumbTextOptionFlags";

    /// <summary>NSString: the transcription of an audio message.</summary>
    public const string AudioTranscription = "IMAudioTranscription";
}
