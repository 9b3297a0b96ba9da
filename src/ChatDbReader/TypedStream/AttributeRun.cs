namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// One attribute run of an NSAttributedString.
/// </summary>
/// <param name="Start">Offset of the run's first character in UTF-16 code units (Apple's NSRange unit, the same as
/// .NET <see cref="string"/> indices, NOT bytes or code points).</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Attributes">Attribute name → value, in archive order. Values: NSNumber integers (c C B s S i I l L q
/// Q) as <see cref="long"/> (a Q above <see cref="long.MaxValue"/> as <see cref="ulong"/>), NSNumber f/d as
/// <see cref="double"/>, NSString as <see cref="string"/>, NSURL as <see cref="TypedStreamUrl"/>, NSData as
/// <see cref="byte"/>[], NSDictionary as <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string → object?,
/// NSArray/NSSet as <see cref="IReadOnlyList{T}"/> of object?, NSDate as <see cref="DateTimeOffset"/>, NSNull as null,
/// NSAttributedString as <see cref="AttributedString"/>, NSValue and unknown classes as
/// <see cref="TypedStreamObject"/>. Runs that name the same attribute dictionary in the archive share one instance.
/// </param>
public sealed record AttributeRun(int Start, int Length, IReadOnlyDictionary<string, object?> Attributes);
