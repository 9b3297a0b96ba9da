using System.Globalization;

namespace LineAgent.Agent.Cli;

/// <summary>
/// Minimal kebab-case flag parser for the operator verbs: `--flag`, `--option value`, `--option=value`,
/// repeatable options. Anything else is a <see cref="UsageException"/> (exit 2 with usage).
/// </summary>
internal sealed class ArgumentReader
{
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <param name="args">The arguments after the verb.</param>
    /// <param name="flags">Switches without a value, e.g. "--json".</param>
    /// <param name="options">Switches that take a value, e.g. "--state-dir".</param>
    public ArgumentReader(string[] args, IEnumerable<string> flags, IEnumerable<string> options)
    {
        var knownFlags = flags.ToHashSet(StringComparer.Ordinal);
        var knownOptions = options.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (knownFlags.Contains(name) && eq < 0)
            {
                _flags.Add(name);
            }
            else if (knownOptions.Contains(name))
            {
                string value;
                if (eq > 0) value = arg[(eq + 1)..];
                else if (i + 1 < args.Length) value = args[++i];
                else throw new UsageException($"{name} needs a value");
                if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
                list.Add(value);
            }
            else
            {
                throw new UsageException(arg.StartsWith('-') ? $"unknown option {name}" : $"unexpected argument '{arg}'");
            }
        }
    }

    /// <summary>True when the switch was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The last value given for an option, or null.</summary>
    public string? Value(string option) => _values.TryGetValue(option, out var list) ? list[^1] : null;

    /// <summary>Every value given for a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string option) => _values.TryGetValue(option, out var list) ? list : [];

    /// <summary>An integer option within [min, max], or <paramref name="fallback"/> when absent.</summary>
    public int Int(string option, int fallback, int min, int max)
    {
        var text = Value(option);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new UsageException($"{option} must be a whole number from {min} to {max}, not '{text}'");
        return value;
    }
}
