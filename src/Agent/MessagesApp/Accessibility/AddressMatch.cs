namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// Compares addresses as Messages displays them with chat.db's: phone numbers by their digits ("+1 (555) 123-4567"
/// is +15551234567), emails case-insensitively. Sets must be equal: a superset is another conversation.
/// </summary>
public static class AddressMatch
{
    /// <summary>The comparable form of one address.</summary>
    public static string Normalize(string address)
    {
        var a = address.Trim();
        if (a.Contains('@', StringComparison.Ordinal))
            return a.ToLowerInvariant();
        var digits = new string(a.Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 ? "+" + digits : a;
    }

    /// <summary>True when the displayed addresses are exactly the expected ones.</summary>
    public static bool SameSet(IEnumerable<string> shown, IEnumerable<string> expected) =>
        shown.Select(Normalize).ToHashSet(StringComparer.Ordinal).SetEquals(expected.Select(Normalize));

    /// <summary>True when one displayed address is <paramref name="address"/>.</summary>
    public static bool Same(string shown, string address) => Normalize(shown) == Normalize(address);
}
