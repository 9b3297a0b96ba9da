using System.Text.RegularExpressions;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Configuration;

/// <summary>
/// Binds an options class to its section and validates it at start-up with DataAnnotations, reporting each failure
/// under its full configuration key ("Observability:MetricsPort: …") so the operator knows what to edit.
/// </summary>
public static partial class ConfigurationValidation
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and registers a validator that names keys, with
    /// ValidateOnStart (a bad value stops the host before it serves anything). The section joins
    /// <see cref="RegisteredSections"/>: keys in it that <typeparamref name="T"/> does not read are refused too.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new KeyedDataAnnotationsValidator<T>(section));
        UnknownKeyValidator.Register(services, configuration, section, typeof(T));
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>
    /// The agent's own section ("Agent": state directory, chat.db path), read by the journal, the change feed, the
    /// send pipeline, the chat.db source and the API. Registered once, by the composition root (AgentHost, watch);
    /// the components' Add… methods only consume it.
    /// </summary>
    public static IServiceCollection AddAgentOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AgentOptions>(configuration, AgentOptions.Section);
        return services;
    }

    /// <summary>How every refusal line starts.</summary>
    public const string Prefix = "invalid configuration: ";

    /// <summary>
    /// Turns a start-up configuration failure into one operator-facing line, or returns null for other exceptions.
    /// Handles options validation failures and values that cannot be converted (whose message already names the key).
    /// </summary>
    public static string? Describe(Exception exception)
    {
        var failures = new List<string>();
        Collect(exception, failures);
        return failures.Count == 0 ? null : Prefix + string.Join("; ", failures.Distinct());
    }

    private static void Collect(Exception exception, List<string> failures)
    {
        switch (exception)
        {
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions) Collect(inner, failures);
                break;
            case OptionsValidationException validation:
                failures.AddRange(validation.Failures);
                break;
            case InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } m:
                failures.Add($"{m.Groups["key"].Value}: '{m.Groups["value"].Value}' is not {Expected(m.Groups["type"].Value)}");
                break;
        }
    }

    /// <summary>The binder's message: "Failed to convert configuration value 'lots' at 'Pacing:Burst' to type 'System.Int32'."</summary>
    [GeneratedRegex(@"\AFailed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    /// <summary>What a value of the target type looks like, in the operator's words.</summary>
    private static string Expected(string typeName)
    {
        var type = Type.GetType(typeName);
        if (type is { IsEnum: true })
            return "one of " + string.Join(", ", Enum.GetNames(type));
        return typeName switch
        {
            "System.Int32" or "System.Int64" or "System.UInt32" or "System.UInt16" or "System.Int16" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration (hh:mm:ss[.fff] or d.hh:mm:ss, e.g. 00:00:15 for 15 seconds)",
            _ => $"a valid {typeName}",
        };
    }

    private sealed class KeyedDataAnnotationsValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                return ValidateOptionsResult.Success;
            return ValidateOptionsResult.Fail(results.Select(r =>
            {
                var members = r.MemberNames.Any() ? r.MemberNames : [""];
                return string.Join(", ", members.Select(m => m.Length == 0 ? section : $"{section}:{m}")) + ": " + r.ErrorMessage;
            }));
        }
    }
}
