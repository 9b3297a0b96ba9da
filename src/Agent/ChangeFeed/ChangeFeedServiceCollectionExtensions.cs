using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Journal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>Registers the chat.db change feed.</summary>
public static class ChangeFeedServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ChangeFeedOptions"/> (section "ChangeFeed", validated at start) and the
    /// <see cref="ChangeFeedWorker"/> hosted service, which tails <c>Agent:ChatDbPath</c> into the journal. Adds the
    /// journal (<see cref="JournalServiceCollectionExtensions.AddJournal"/>) if it is not registered yet.
    /// </summary>
    public static IServiceCollection AddChangeFeed(this IServiceCollection services, IConfiguration configuration)
    {
        if (!services.Any(d => d.ServiceType == typeof(JournalStore)))
            services.AddJournal(configuration);
        services.AddValidatedOptions<ChangeFeedOptions>(configuration, ChangeFeedOptions.Section);
        services.AddChatDbSource();
        services.TryAddSingleton<Line.FeedProgress>();
        services.TryAddSingleton<ChangeFeedWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedWorker>());
        return services;
    }
}
