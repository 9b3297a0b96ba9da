using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Configuration;

/// <summary>
/// Binds an options class to its section and validates it at start-up with DataAnnotations, reporting each failure
/// under its full configuration key ("Observability:MetricsPort: …") so the operator knows what to edit.
/// </summary>
public static class ConfigurationValidation
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and registers a validator that names keys, with
    /// ValidateOnStart (a bad value stops the host before it serves anything).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new KeyedDataAnnotationsValidator<T>(section));
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

    /// <summary>
    /// Turns a start-up configuration failure into one operator-facing line, or returns null for other exceptions.
    /// Handles options validation failures and values that cannot be converted (whose message already names the key).
    /// </summary>
    public static string? Describe(Exception exception)
    {
        var failures = new List<string>();
        Collect(exception, failures);
        return failures.Count == 0 ? null : "invalid configuration: " + string.Join("; ", failures.Distinct());
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
            case InvalidOperationException conversion when conversion.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                failures.Add(conversion.Message);
                break;
        }
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
