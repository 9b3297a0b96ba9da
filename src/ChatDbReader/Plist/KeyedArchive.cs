namespace LineAgent.ChatDbReader.Plist;

/// <summary>
/// An NSKeyedArchiver graph (the format of <c>message.payload_data</c>): a bplist dict with
/// <c>$archiver = "NSKeyedArchiver"</c>, a flat <c>$objects</c> array and a <c>$top</c> dict, where objects refer
/// to each other by <see cref="PlistUid"/> index into <c>$objects</c> and index 0 is the placeholder <c>"$null"</c>.
/// </summary>
/// <remarks>
/// Example: URL previews keep the link at <c>root.richLinkMetadata.originalURL</c>, an NSURL object
/// <c>{NS.base, NS.relative}</c>; <c>Materialize(Get(Get(Root, "richLinkMetadata"), "originalURL"))</c> gives the string.
/// Throws only <see cref="PlistFormatException"/>.
/// </remarks>
public sealed class KeyedArchive
{
    private readonly List<object?> _objects;

    private KeyedArchive(List<object?> objects, Dictionary<string, object?> top)
    {
        _objects = objects;
        Top = top;
    }

    /// <summary>The <c>$top</c> dict, values still unresolved (usually <c>root</c> → UID).</summary>
    public IReadOnlyDictionary<string, object?> Top { get; }

    /// <summary>The raw <c>$objects</c> array.</summary>
    public IReadOnlyList<object?> Objects => _objects;

    /// <summary>The resolved <c>$top.root</c> object, or null when absent.</summary>
    public object? Root => Top.TryGetValue("root", out var root) ? Resolve(root) : null;

    /// <summary>Parses a bplist and checks it is a keyed archive.</summary>
    public static KeyedArchive Parse(ReadOnlySpan<byte> data) => FromPlist(BinaryPlist.Parse(data));

    /// <summary>Wraps an already parsed plist; throws <see cref="PlistFormatException"/> (NotKeyedArchive) if it is not one.</summary>
    public static KeyedArchive FromPlist(object? plist)
    {
        if (plist is not Dictionary<string, object?> dict
            || !dict.TryGetValue("$archiver", out var archiver) || archiver is not "NSKeyedArchiver"
            || !dict.TryGetValue("$objects", out var objects) || objects is not List<object?> list
            || !dict.TryGetValue("$top", out var top) || top is not Dictionary<string, object?> topDict)
        {
            throw new PlistFormatException(PlistError.NotKeyedArchive, "expected a dict with $archiver = NSKeyedArchiver, $objects and $top");
        }

        return new KeyedArchive(list, topDict);
    }

    /// <summary>Follows one UID to its <c>$objects</c> entry (<c>"$null"</c> → null); any other value is returned as is.</summary>
    public object? Resolve(object? value)
    {
        if (value is not PlistUid uid)
        {
            return value;
        }

        if (uid.Value >= (ulong)_objects.Count)
        {
            throw new PlistFormatException(PlistError.BadReference, $"UID {uid.Value} but $objects has {_objects.Count} entries");
        }

        object? target = _objects[(int)uid.Value];
        return target is "$null" ? null : target;
    }

    /// <summary>The resolved value of <paramref name="key"/> in the archived object <paramref name="obj"/>, or null.</summary>
    public object? Get(object? obj, string key) =>
        Resolve(obj) is Dictionary<string, object?> dict && dict.TryGetValue(key, out var value) ? Resolve(value) : null;

    /// <summary>The <c>$classname</c> of an archived object (via its <c>$class</c> UID), or null for plain values.</summary>
    public string? ClassName(object? obj) => Get(Get(obj, "$class"), "$classname") as string;

    /// <summary>
    /// Resolves <paramref name="value"/> deeply into plain plist values: NSString → string, NSURL → absolute URL
    /// string, NSData → byte[], NSDate → DateTimeOffset, NSArray/NSSet → List, NSDictionary → Dictionary;
    /// other objects → Dictionary of their resolved fields plus <c>$classname</c>. A back-reference to an object
    /// still being resolved (a cycle) is left as its <see cref="PlistUid"/>; nesting stops at
    /// <see cref="BinaryPlist.MaxDepth"/> with <see cref="PlistFormatException"/>. Each UID is resolved once, so
    /// work is linear in the archive size.
    /// </summary>
    public object? Materialize(object? value) => new KeyedArchiveMaterializer(this).Run(value, depth: 0);
}
