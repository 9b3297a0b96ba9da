using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Journal;

/// <summary>Registers the journal.</summary>
public static class JournalServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="JournalOptions"/> (section "Journal", validated at start), the singleton
    /// <see cref="JournalStore"/> on journal.db in <c>Agent:StateDirectory</c> (or <see cref="JournalOptions.Path"/>),
    /// with the <see cref="IJournalEventEncoder"/> registered (if any: gRPC registers the stream's), and the
    /// <see cref="JournalPruner"/> hosted service. Registers <see cref="TimeProvider.System"/> if absent;
    /// reads <see cref="AgentOptions"/> (<see cref="ConfigurationValidation.AddAgentOptions"/>).
    /// </summary>
    public static IServiceCollection AddJournal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JournalOptions>(configuration, JournalOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<JournalOptions>>().Value;
            var agent = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
            return new JournalStore(
                ResolvePath(options, agent),
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<JournalStore>>(),
                sp.GetService<IJournalEventEncoder>());
        });
        services.TryAddSingleton<JournalPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<JournalPruner>());
        return services;
    }

    /// <summary>journal.db in the state directory, unless <see cref="JournalOptions.Path"/> says otherwise.</summary>
    public static string ResolvePath(JournalOptions options, AgentOptions agent) =>
        string.IsNullOrWhiteSpace(options.Path)
            ? Path.Combine(AgentPaths.ExpandHome(agent.StateDirectory), "journal.db")
            : AgentPaths.ExpandHome(options.Path);
}
