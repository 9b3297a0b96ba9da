namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// A decoded NSAttributedString: its text and the attribute runs covering it.
/// </summary>
/// <param name="Text">The string (NSString text is stored as UTF-8 in the archive; here it is a .NET UTF-16 string).</param>
/// <param name="Runs">Consecutive, non-overlapping runs in text order; their lengths sum to <c>Text.Length</c>.</param>
public sealed record AttributedString(string Text, IReadOnlyList<AttributeRun> Runs);

/// <summary>
/// One attribute run of an NSAttributedString.
/// </summary>
/// <param name="Start">Offset of the run's first character in UTF-16 code units (Apple's NSRange unit, the same as
/// .NET <see cref="string"/> indices, NOT bytes or code points).</param>
/// <param name="Length">Length in UTF-16 code units.</param>
/// <param name="Attributes">Attribute name → value. Values: NSNumber integers as <see cref="long"/>, NSNumber
/// float/double as <see cref="double"/>, NSString as <see cref="string"/>, NSURL as <see cref="TypedStreamUrl"/>,
/// NSData as <see cref="byte"/>[], NSDictionary as <see cref="IReadOnlyDictionary{TKey,TValue}"/> of string →
/// object?, NSArray/NSSet as <see cref="IReadOnlyList{T}"/> of object?, NSDate as <see cref="DateTimeOffset"/>,
/// other classes as <see cref="TypedStreamObject"/>. Runs that share an attribute dictionary in the archive share
/// the same instance.</param>
public sealed record AttributeRun(int Start, int Length, IReadOnlyDictionary<string, object?> Attributes);

/// <summary>A decoded NSURL (<c>__kIMLinkAttributeName</c> values).</summary>
/// <param name="Relative">The URL string as archived.</param>
/// <param name="Base">The base URL it is relative to, or null (Messages never archives a base).</param>
public sealed record TypedStreamUrl(string Relative, TypedStreamUrl? Base)
{
    /// <summary>The absolute URL string: <see cref="Relative"/> resolved against <see cref="Base"/> when there is one
    /// and both parse as URIs, otherwise <see cref="Relative"/> unchanged.</summary>
    public string Value => Base is null ? Relative : Resolve(Base.Value, Relative);

    /// <inheritdoc/>
    public override string ToString() => Value;

    private static string Resolve(string baseUrl, string relative) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && Uri.TryCreate(b, relative, out var r)
            ? r.OriginalString
            : relative;
}

/// <summary>
/// An archived object of a class the decoder has no model for (or NSValue). Kept so nothing is lost silently.
/// </summary>
/// <param name="ClassName">The archived class name (most-derived).</param>
/// <param name="Fields">The values of its typed groups in archive order (same value mapping as attributes).</param>
public sealed record TypedStreamObject(string ClassName, IReadOnlyList<object?> Fields);
