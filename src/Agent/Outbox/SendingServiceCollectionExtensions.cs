using LineAgent.Agent.Attachments;
using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Line;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.MessagesApp.Accessibility;
using LineAgent.Agent.Outbox.Staging;
using LineAgent.Agent.Pacing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LineAgent.Agent.Outbox;

/// <summary>Registers the send pipeline: driver, correlation, pacing, outbox, worker and delivery tracking.</summary>
public static class SendingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the "MessagesDriver", "Outbox", "Pacing" and "Correlation" options (validated at start), the Messages
    /// driver, the outbox on journal.db (call AddJournal too), the serial <see cref="SendWorker"/>, the
    /// <see cref="DeliveryTracker"/> (it follows the change feed's receipts in the journal) and the
    /// <see cref="StagedFileCleaner"/>, the "Canary" options and <see cref="Canary.CanaryService"/> (idle unless Canary:Peer
    /// is set), and the Messages-aware <see cref="ILineStatusProvider"/>. Uploads come from the <see cref="AttachmentStore"/>.
    /// </summary>
    public static IServiceCollection AddSending(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MessagesDriverOptions>(configuration, MessagesDriverOptions.Section);
        services.AddValidatedOptions<OutboxOptions>(configuration, OutboxOptions.Section);
        services.AddValidatedOptions<PacingOptions>(configuration, PacingOptions.Section);
        services.AddValidatedOptions<CorrelationOptions>(configuration, CorrelationOptions.Section);
        services.AddValidatedOptions<Status.HealthOptions>(configuration, Status.HealthOptions.Section);
        services.AddValidatedOptions<Canary.CanaryOptions>(configuration, Canary.CanaryOptions.Section);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOsaScriptRunner, OsaScriptRunner>();
        services.TryAddSingleton<MessagesUiLock>();
        services.TryAddSingleton<IMessagesDriver, AppleScriptMessagesDriver>();
        services.TryAddSingleton(sp => AxConnectors.For(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagesDriverOptions>>()));
        services.TryAddSingleton<IConversationDirectory, ChatDbConversationDirectory>();
        services.TryAddSingleton<AccessibilityMessagesUi>();
        services.TryAddSingleton<IMessagesUi>(sp => sp.GetRequiredService<AccessibilityMessagesUi>());
        services.TryAddSingleton<IAccessibilityProbe>(sp => sp.GetRequiredService<AccessibilityMessagesUi>());
        services.AddChatDbSource();
        services.TryAddSingleton<IChatDbView, ChatDbView>();
        services.TryAddSingleton<AttachmentStore>();
        services.TryAddSingleton<MessagesCapabilityProbe>();
        services.TryAddSingleton<LineIdSource>();
        services.TryAddSingleton<LineIdentitySource>();
        // Replaces the default provider (registered with TryAdd, so either call order works).
        services.AddSingleton<ILineStatusProvider, MessagesLineStatusProvider>();
        services.AddSingleton<IUploadsInUse, OutboxUploadsInUse>();
        services.TryAddSingleton<SendCorrelator>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<AttachmentStager>();
        services.TryAddSingleton<UiActionPlanner>();
        services.TryAddSingleton<SendPlanner>();
        services.TryAddSingleton<SendPacer>();
        services.TryAddSingleton<SendExecutor>();
        services.TryAddSingleton<SendSignal>();
        services.TryAddSingleton<SendPipeline>();
        services.TryAddSingleton<HandleReach>();
        services.TryAddSingleton<SendWorker>();
        services.TryAddSingleton<DeliveryTracker>();
        services.TryAddSingleton<StagedFileCleaner>();
        services.TryAddSingleton<FeedProgress>();
        services.TryAddSingleton<Status.LineConditionsSource>();
        services.TryAddSingleton<Status.LineStatusMonitor>();
        services.TryAddSingleton<Canary.CanaryLedger>();
        services.TryAddSingleton<Canary.CanaryService>();
        services.AddHostedService(sp => sp.GetRequiredService<SendWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryTracker>());
        services.AddHostedService(sp => sp.GetRequiredService<StagedFileCleaner>());
        services.AddHostedService(sp => sp.GetRequiredService<Status.LineStatusMonitor>());
        services.AddHostedService(sp => sp.GetRequiredService<Canary.CanaryService>());
        return services;
    }
}
