using System.Globalization;
using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// <see cref="IMessagesDriver"/> over the scripts in scripts/applescript. Every value travels as argv.
/// The only automatic retry is for "Messages is not running" (-600), which provably sent nothing: Messages is
/// launched and the script runs again. Anything that may have sent (timeouts, -1712, -609) is never retried
/// here; the send pipeline resolves it in chat.db.
/// </summary>
public sealed class AppleScriptMessagesDriver : IMessagesDriver
{
    private readonly IOsaScriptRunner _runner;
    private readonly MessagesDriverOptions _options;
    private readonly ILogger<AppleScriptMessagesDriver> _logger;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Creates the driver. <paramref name="timeProvider"/> paces the retry delay (fake time in tests).</summary>
    public AppleScriptMessagesDriver(IOsaScriptRunner runner, IOptions<MessagesDriverOptions> options,
        ILogger<AppleScriptMessagesDriver> logger, TimeProvider? timeProvider = null)
    {
        _runner = runner;
        _options = options.Value;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (_options.NotRunningRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<MessagesDriverException>(e => e.Kind == MessagesFailureKind.MessagesNotRunning),
                MaxRetryAttempts = _options.NotRunningRetries,
                BackoffType = DelayBackoffType.Constant,
                Delay = _options.LaunchSettleDelay,
                UseJitter = false,
                OnRetry = args => new ValueTask(LaunchMessagesAsync(args.AttemptNumber + 1, args.Context.CancellationToken)),
            });
        }
        _pipeline = builder.Build();
    }

    /// <inheritdoc />
    public async Task<string> SendTextAsync(SendTarget target, string text, CancellationToken cancellationToken)
    {
        var (script, args) = target switch
        {
            HandleTarget h => (ScriptNames.SendTextToHandle, new[] { h.Handle, text, ServiceArg(h.Service) }),
            ChatTarget c => (ScriptNames.SendTextToChat, new[] { c.ChatGuid, text, c.DmHandle, ServiceArg(c.Service) }),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return await RunSendAsync(script, args, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<string> SendFileAsync(SendTarget target, string stagedPath, CancellationToken cancellationToken)
    {
        if (!Path.IsPathRooted(stagedPath))
            throw new ArgumentException("Attachment paths must be absolute: Messages rejects ~ and relative paths (Jared #80).", nameof(stagedPath));
        var (script, args) = target switch
        {
            HandleTarget h => (ScriptNames.SendFileToHandle, new[] { h.Handle, stagedPath, ServiceArg(h.Service) }),
            ChatTarget c => (ScriptNames.SendFileToChat, new[] { c.ChatGuid, stagedPath, c.DmHandle, ServiceArg(c.Service) }),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return await RunSendAsync(script, args, cancellationToken);
    }

    /// <inheritdoc />
    public Task SendRichLinkAsync(SendTarget target, string url, CancellationToken cancellationToken) =>
        RunUiAsync(ScriptNames.UiSendRichLink, [MessagesDeepLink.ForConversation(target, url)], cancellationToken);

    /// <inheritdoc />
    public Task SendTapbackAsync(string messageGuid, ReactionType kind, CancellationToken cancellationToken) =>
        RunUiAsync(ScriptNames.UiSendTapback, [MessagesDeepLink.ForMessage(messageGuid), PickerPosition(kind).ToString(CultureInfo.InvariantCulture)], cancellationToken);

    /// <summary>The tapback's position in the Tapback picker (1 = Love … 6 = Question), as ui-send-tapback takes it.</summary>
    public static int PickerPosition(ReactionType kind) => kind switch
    {
        ReactionType.Love => 1,
        ReactionType.Like => 2,
        ReactionType.Dislike => 3,
        ReactionType.Laugh => 4,
        ReactionType.Emphasize => 5,
        ReactionType.Question => 6,
        _ => throw new ArgumentException($"{kind} tapbacks cannot be sent through the Tapback picker.", nameof(kind)),
    };

    /// <inheritdoc />
    public Task SetTypingAsync(SendTarget target, bool typing, CancellationToken cancellationToken) =>
        RunUiAsync(ScriptNames.UiSetTyping,
            [MessagesDeepLink.ForConversation(target, typing ? " " : null), typing ? "start" : "stop"], cancellationToken);

    /// <inheritdoc />
    public Task CreateGroupAsync(IReadOnlyList<string> addresses, string firstMessage, CancellationToken cancellationToken) =>
        RunUiAsync(ScriptNames.UiCreateGroup, [MessagesDeepLink.ForNewGroup(addresses, firstMessage)], cancellationToken);

    /// <inheritdoc />
    public Task AddParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken) =>
        RunUiAsync(ScriptNames.UiAddParticipant, [MessagesDeepLink.ForConversation(group), address], cancellationToken);

    /// <inheritdoc />
    public Task RemoveParticipantAsync(ChatTarget group, string address, CancellationToken cancellationToken) =>
        RunUiAsync(ScriptNames.UiRemoveParticipant, [MessagesDeepLink.ForConversation(group), address], cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MessagesAccount>> ProbeAccountsAsync(CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(ScriptNames.ProbeAccounts, [], _options.ScriptTimeout, cancellationToken);
        return MessagesAccount.ParseProbeOutput(result.Output);
    }

    /// <inheritdoc />
    public Task ProbeAutomationAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync(ScriptNames.ProbeAutomation, [], _options.ScriptTimeout, cancellationToken);

    /// <inheritdoc />
    public Task ProbeAccessibilityAsync(CancellationToken cancellationToken) =>
        _runner.RunAsync(ScriptNames.ProbeAccessibility, [], _options.UiScriptTimeout, cancellationToken);

    private async Task<string> RunSendAsync(string script, string[] args, CancellationToken cancellationToken)
    {
        var result = await _pipeline.ExecuteAsync(
            async ct => await _runner.RunAsync(script, args, _options.ScriptTimeout, ct), cancellationToken);
        MessagesDriverLog.SendPathUsed(_logger, script, result.Output);
        return result.Output;
    }

    private async Task RunUiAsync(string script, string[] args, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(async ct => await _runner.RunAsync(script, args, _options.UiScriptTimeout, ct), cancellationToken);

    private async Task LaunchMessagesAsync(int attempt, CancellationToken cancellationToken)
    {
        MessagesDriverLog.LaunchingMessages(_logger, attempt);
        try
        {
            await _runner.RunAsync(ScriptNames.LaunchMessages, [], _options.ScriptTimeout, cancellationToken);
        }
        catch (MessagesDriverException ex)
        {
            // The retry itself reports the real failure; a failed launch only makes it likelier.
            MessagesDriverLog.LaunchFailed(_logger, ex.Kind);
        }
    }

    private static string ServiceArg(MessagesService service) => service == MessagesService.Sms ? "SMS" : "iMessage";
}
