using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LineAgent.Agent.ChatDb;

/// <summary>Registers the agent's one <see cref="ChatDbSource"/>.</summary>
public static class ChatDbServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ChatDbSource"/> (once; every part that reads chat.db calls this).</summary>
    public static IServiceCollection AddChatDbSource(this IServiceCollection services)
    {
        services.TryAddSingleton<ChatDbSource>();
        return services;
    }
}
