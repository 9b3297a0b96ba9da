namespace LineAgent.ChatDbReader.Plist;

/// <summary>One deep resolution of a <see cref="KeyedArchive"/> value (memoized per UID, cycle-safe).</summary>
internal sealed class KeyedArchiveMaterializer(KeyedArchive archive)
{
    private readonly Dictionary<ulong, object?> _done = [];
    private readonly HashSet<ulong> _inProgress = [];

    // BinaryPlist shares one instance per referenced object, so an inline container can be reached many times:
    // memoize by identity to keep hostile DAGs linear (bplist containers cannot form cycles).
    private readonly Dictionary<object, object?> _containers = new(ReferenceEqualityComparer.Instance);

    public object? Run(object? value, int depth)
    {
        if (depth > BinaryPlist.MaxDepth)
        {
            throw new PlistFormatException(PlistError.TooDeep, $"keyed archive nested deeper than {BinaryPlist.MaxDepth}");
        }

        if (value is PlistUid uid)
        {
            if (_done.TryGetValue(uid.Value, out var cached))
            {
                return cached;
            }

            if (!_inProgress.Add(uid.Value))
            {
                return uid; // cycle: leave the reference unresolved
            }

            object? result = Run(archive.Resolve(uid), depth + 1);
            _inProgress.Remove(uid.Value);
            _done[uid.Value] = result;
            return result;
        }

        if (value is not (List<object?> or Dictionary<string, object?>))
        {
            return value;
        }

        if (_containers.TryGetValue(value, out var done))
        {
            return done;
        }

        object? materialized = value is List<object?> list
            ? list.Select(item => Run(item, depth + 1)).ToList()
            : MaterializeObject((Dictionary<string, object?>)value, depth);
        _containers[value] = materialized;
        return materialized;
    }

    private object? MaterializeObject(Dictionary<string, object?> dict, int depth)
    {
        string? className = archive.ClassName(dict);
        switch (className)
        {
            case "NSString" or "NSMutableString":
                return Run(Field(dict, "NS.string"), depth + 1);
            case "NSData" or "NSMutableData":
                return Run(Field(dict, "NS.data"), depth + 1);
            case "NSDate":
                return Field(dict, "NS.time") is double seconds ? Time.AppleTime.FromSeconds(seconds) : null;
            case "NSURL" or "NSMutableURL":
                return Url(Run(Field(dict, "NS.base"), depth + 1) as string, Run(Field(dict, "NS.relative"), depth + 1) as string);
            case "NSArray" or "NSMutableArray" or "NSSet" or "NSMutableSet" or "NSOrderedSet" or "NSMutableOrderedSet":
                return Run(Field(dict, "NS.objects") ?? new List<object?>(), depth + 1);
            case "NSDictionary" or "NSMutableDictionary":
                return MaterializeDictionary(dict, depth);
        }

        var result = new Dictionary<string, object?>(dict.Count, StringComparer.Ordinal);
        foreach (var (key, field) in dict)
        {
            if (key == "$class")
            {
                if (className is not null)
                {
                    result["$classname"] = className;
                }

                continue;
            }

            result[key] = Run(field, depth + 1);
        }

        return result;
    }

    private Dictionary<string, object?> MaterializeDictionary(Dictionary<string, object?> dict, int depth)
    {
        var keys = Field(dict, "NS.keys") as List<object?> ?? [];
        var values = Field(dict, "NS.objects") as List<object?> ?? [];
        if (keys.Count != values.Count)
        {
            throw new PlistFormatException(PlistError.NotKeyedArchive, $"NSDictionary with {keys.Count} keys and {values.Count} values");
        }

        var result = new Dictionary<string, object?>(keys.Count, StringComparer.Ordinal);
        for (int i = 0; i < keys.Count; i++)
        {
            if (Run(keys[i], depth + 1) is not string key)
            {
                throw new PlistFormatException(PlistError.BadKey, "NSDictionary key is not a string");
            }

            result[key] = Run(values[i], depth + 1);
        }

        return result;
    }

    private static object? Field(Dictionary<string, object?> dict, string key) => dict.TryGetValue(key, out var v) ? v : null;

    private static string? Url(string? baseUrl, string? relative)
    {
        if (baseUrl is null || relative is null)
        {
            return relative ?? baseUrl;
        }

        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var root) && Uri.TryCreate(root, relative, out var combined)
            ? combined.OriginalString
            : relative;
    }
}
