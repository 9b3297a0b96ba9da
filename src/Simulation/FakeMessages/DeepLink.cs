namespace LineAgent.FakeMessages;

/// <summary>Parses the imessage://open?… links the UI scripts open (address, addresses, groupid, message-guid, body).</summary>
public sealed record DeepLink(IReadOnlyDictionary<string, string> Query, IReadOnlyList<string> Addresses)
{
    public string? Get(string key) => Query.TryGetValue(key, out var v) ? v : null;

    public static DeepLink Parse(string link)
    {
        if (!link.StartsWith("imessage://open?", StringComparison.Ordinal) && !link.StartsWith("sms://open?", StringComparison.Ordinal))
            throw new OsaError(-1700, $"Can’t make \"{link}\" into type URL.");
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
        return new DeepLink(query, addresses);
    }
}
