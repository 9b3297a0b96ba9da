namespace LineAgent.ChatDbReader.TypedStream;

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
