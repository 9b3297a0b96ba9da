using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Configuration;

/// <summary>
/// Every section bound through <see cref="ConfigurationValidation.AddValidatedOptions{T}"/>, with the options class that
/// reads it: the agent's configuration vocabulary. Filled by that one registration, so a section added anywhere is
/// covered by the unknown-key check without being listed twice.
/// </summary>
public sealed class RegisteredSections
{
    private readonly Dictionary<string, Type> _sections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configuration the sections are read from (the composition root's).</summary>
    public IConfiguration? Configuration { get; private set; }

    /// <summary>Section name → options class, e.g. "Pacing" → PacingOptions.</summary>
    public IReadOnlyDictionary<string, Type> Sections => _sections;

    internal void Add(IConfiguration configuration, string section, Type type)
    {
        Configuration ??= configuration;
        _sections[section] = type;
    }
}

/// <summary>
/// Refuses keys the agent would silently ignore: a key inside one of our sections that no property reads
/// ("Pacing:MessagePerSecond") and a top-level section whose name is a near miss of ours ("Pacng"), each with the
/// nearest correct spelling. Keys are case-insensitive, as the binder reads them.
/// </summary>
internal sealed class UnknownKeyValidator : IValidateOptions<RegisteredSections>
{
    /// <summary>Top-level sections read by the framework, not bound by us.</summary>
    private static readonly string[] ForeignSections = ["Logging"];

    public static void Register(IServiceCollection services, IConfiguration configuration, string section, Type type)
    {
        services.Configure<RegisteredSections>(r => r.Add(configuration, section, type));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegisteredSections>, UnknownKeyValidator>());
        services.AddOptions<RegisteredSections>().ValidateOnStart(); // idempotent: one start-up validation
    }

    public ValidateOptionsResult Validate(string? name, RegisteredSections options)
    {
        if (options.Configuration is not { } configuration)
            return ValidateOptionsResult.Success;
        var failures = new List<string>();
        foreach (var (section, type) in options.Sections)
            CheckChildren(configuration.GetSection(section), section, type, failures);

        var known = options.Sections.Keys.Concat(ForeignSections).ToList();
        foreach (var top in configuration.GetChildren())
        {
            if (known.Contains(top.Key, StringComparer.OrdinalIgnoreCase))
                continue;
            // A section nobody reads is only refused when it is a near miss of ours: it was meant for us.
            if (Nearest(top.Key, options.Sections.Keys) is { } meant)
                failures.Add($"{top.Key}: unknown section (did you mean {meant}?)");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckChildren(IConfigurationSection section, string path, Type type, List<string> failures)
    {
        var properties = BindableProperties(type);
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            var key = $"{path}:{child.Key}";
            if (property is null)
            {
                var names = properties.Select(p => p.Name).ToList();
                failures.Add(Nearest(child.Key, names) is { } meant
                    ? $"{key}: unknown key (did you mean {path}:{meant}?)"
                    : $"{key}: unknown key (the keys of {path} are {string.Join(", ", names)})");
            }
            else if (IsNested(property.PropertyType))
            {
                CheckChildren(child, $"{path}:{property.Name}", property.PropertyType, failures);
            }
        }
    }

    private static List<PropertyInfo> BindableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.SetMethod?.IsPublic == true || IsNested(p.PropertyType)))
            .ToList();

    /// <summary>An options object inside a section (its keys are checked too); collections and scalars are not.</summary>
    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(Uri);

    /// <summary>The candidate within a small edit distance of <paramref name="name"/>, or null.</summary>
    internal static string? Nearest(string name, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, name.Length / 4);
        return candidates
            .Select(c => (Candidate: c, Distance: Distance(name.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
