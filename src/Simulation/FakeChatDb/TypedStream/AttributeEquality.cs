using System.Collections;

namespace LineAgent.FakeChatDb;

/// <summary>
/// Value equality of attribute dictionaries: NSAttributedString keeps one dictionary per distinct attribute set, so
/// a run whose attributes equal an earlier run's reuses that dictionary's number instead of archiving a new one.
/// </summary>
internal static class AttributeEquality
{
    public static bool DictionariesEqual(IReadOnlyDictionary<string, object> a, IReadOnlyDictionary<string, object> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !ValuesEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ValuesEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (IReadOnlyDictionary<string, object> x, IReadOnlyDictionary<string, object> y) => DictionariesEqual(x, y),
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (IEnumerable x, IEnumerable y) => x.Cast<object?>().SequenceEqual(y.Cast<object?>(), Comparer.Instance),
        _ => a.GetType() == b.GetType() && a.Equals(b),
    };

    private sealed class Comparer : IEqualityComparer<object?>
    {
        public static readonly Comparer Instance = new();

        public new bool Equals(object? x, object? y) => ValuesEqual(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}
