namespace LineAgent.FakeMessages;

/// <summary>
/// Parses the deep links Messages registers: <c>imessage:open?…</c> (Beeper's colon-only form), <c>imessage://open?…</c>
/// and <c>sms://open?…</c> with address, addresses, groupid, message-guid, overlay, body.
/// </summary>
public sealed record DeepLink(IReadOnlyDictionary<string, string> Query, IReadOnlyList<string> Addresses)
{
    public string? Get(string key) => Query.TryGetValue(key, out var v) ? v : null;

    public static DeepLink Parse(string link)
    {
        if (!TryParse(link, out var parsed))
            throw new OsaError(-1700, $"Can’t make \"{link}\" into type URL.");
        return parsed;
    }

    /// <summary>False for anything that is not one of the three link forms (Messages then opens a compose cell).</summary>
    public static bool TryParse(string link, out DeepLink parsed)
    {
        parsed = new DeepLink(new Dictionary<string, string>(), []);
        if (!link.StartsWith("imessage:open?", StringComparison.Ordinal) && !link.StartsWith("imessage://open?", StringComparison.Ordinal)
            && !link.StartsWith("sms://open?", StringComparison.Ordinal))
            return false;
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var addresses = new List<string>();
        foreach (var pair in link[(link.IndexOf('?') + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            var raw = eq < 0 ? "" : pair[(eq + 1)..];
            if (key == "addresses")
                addresses.AddRange(raw.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString));
            query[key] = Uri.UnescapeDataString(raw);
        }
        if (query.TryGetValue("address", out var single))
            addresses.Add(single);
        parsed = new DeepLink(query, addresses);
        return true;
    }
}
