using LineAgent.Agent.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LineAgent.Agent.Operations.KeepAwake;

/// <summary>Registers <see cref="KeepAwakeService"/>.</summary>
public static class KeepAwakeServiceCollectionExtensions
{
    /// <summary>Adds the "KeepAwake" options and the caffeinate child (macOS only; on by default).</summary>
    public static IServiceCollection AddKeepAwake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<KeepAwakeOptions>(configuration, KeepAwakeOptions.Section);
        services.AddHostedService<KeepAwakeService>();
        return services;
    }
}
