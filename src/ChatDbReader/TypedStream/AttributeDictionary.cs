using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace LineAgent.ChatDbReader.TypedStream;

/// <summary>
/// A decoded NSDictionary: string keys in archive order. Small dictionaries (every attribute dictionary Messages
/// writes has 1–8 entries) are searched linearly, which is cheaper to build than a hash table; larger ones get an
/// index. Read-only once built.
/// </summary>
internal sealed class AttributeDictionary : IReadOnlyDictionary<string, object?>
{
    private const int LinearLimit = 8;

    public static readonly AttributeDictionary Empty = new(0);

    private string[] _keys;
    private object?[] _values;
    private int _count;
    private Dictionary<string, int>? _index;

    public AttributeDictionary(int capacity)
    {
        _keys = capacity == 0 ? [] : new string[capacity];
        _values = capacity == 0 ? [] : new object?[capacity];
    }

    public int Count => _count;

    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _keys[i];
            }
        }
    }

    public IEnumerable<object?> Values
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _values[i];
            }
        }
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    /// <summary>Adds or (for a repeated key, which Foundation never writes) replaces an entry. Only the decoder calls this.</summary>
    internal void Set(string key, object? value)
    {
        var existing = IndexOf(key);
        if (existing >= 0)
        {
            _values[existing] = value;
            return;
        }

        if (_count == _keys.Length)
        {
            var size = Math.Max(4, _count * 2);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _values, size);
        }

        _keys[_count] = key;
        _values[_count] = value;
        _index?.Add(key, _count);
        _count++;
        if (_index is null && _count > LinearLimit)
        {
            _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _index[_keys[i]] = i;
            }
        }
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var i = IndexOf(key);
        if (i < 0)
        {
            value = null;
            return false;
        }

        value = _values[i];
        return true;
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var found) ? found : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            // Reference check first: well-known keys are shared instances (KnownStrings).
            if (ReferenceEquals(_keys[i], key) || string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return new KeyValuePair<string, object?>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"NSDictionary({_count})";
}
