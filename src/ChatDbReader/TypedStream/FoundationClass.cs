namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>The archived classes whose field layout the decoder knows (mutable subclasses archive identically).</summary>
internal enum FoundationClass : byte
{
    /// <summary>Unknown class: its typed groups are read structurally into a <see cref="TypedStreamObject"/>.</summary>
    Unknown,
    NSObject,
    NSString,
    NSAttributedString,
    NSDictionary,
    NSArray,
    NSSet,
    NSNumber,
    NSValue,
    NSURL,
    NSData,
    NSDate,
    NSNull,
}

/// <summary>Maps archived class names to <see cref="FoundationClass"/>.</summary>
internal static class FoundationClassNames
{
    public static FoundationClass Classify(ReadOnlySpan<byte> name)
    {
        // Cheap pre-filter: every known name starts with "NS".
        if (name.Length < 5 || name[0] != (byte)'N' || name[1] != (byte)'S')
        {
            return FoundationClass.Unknown;
        }

        return name.Length switch
        {
            5 when name.SequenceEqual("NSURL"u8) => FoundationClass.NSURL,
            5 when name.SequenceEqual("NSSet"u8) => FoundationClass.NSSet,
            6 when name.SequenceEqual("NSData"u8) => FoundationClass.NSData,
            6 when name.SequenceEqual("NSDate"u8) => FoundationClass.NSDate,
            6 when name.SequenceEqual("NSNull"u8) => FoundationClass.NSNull,
            7 when name.SequenceEqual("NSArray"u8) => FoundationClass.NSArray,
            7 when name.SequenceEqual("NSValue"u8) => FoundationClass.NSValue,
            8 when name.SequenceEqual("NSString"u8) => FoundationClass.NSString,
            8 when name.SequenceEqual("NSNumber"u8) => FoundationClass.NSNumber,
            8 when name.SequenceEqual("NSObject"u8) => FoundationClass.NSObject,
            12 when name.SequenceEqual("NSDictionary"u8) => FoundationClass.NSDictionary,
            12 when name.SequenceEqual("NSMutableSet"u8) => FoundationClass.NSSet,
            13 when name.SequenceEqual("NSMutableData"u8) => FoundationClass.NSData,
            14 when name.SequenceEqual("NSMutableArray"u8) => FoundationClass.NSArray,
            15 when name.SequenceEqual("NSMutableString"u8) => FoundationClass.NSString,
            18 when name.SequenceEqual("NSAttributedString"u8) => FoundationClass.NSAttributedString,
            19 when name.SequenceEqual("NSMutableDictionary"u8) => FoundationClass.NSDictionary,
            25 when name.SequenceEqual("NSMutableAttributedString"u8) => FoundationClass.NSAttributedString,
            _ => FoundationClass.Unknown,
        };
    }
}
