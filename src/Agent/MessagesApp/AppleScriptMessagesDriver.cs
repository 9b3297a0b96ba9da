using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// <see cref="IMessagesDriver"/> over the scripts in scripts/applescript. Every value travels as argv, and every
/// script call — sends and probes — runs under the <see cref="MessagesUiLock"/> it shares with the accessibility
/// driver, so a probe never lands inside a send or a UI action.
/// Before the first send, and again after Messages quit (-600/-609) or could not find a target (-1728), it waits,
/// bounded, until Messages runs with a connected account (a -1728 right after launch is a cold start, not a
/// missing chat). Only what provably sent nothing is retried: a plain send refused with -600 (Messages launched,
/// then retried) and one -1728 after readiness. Anything that may have sent (timeouts, -1712, -609, a -600 from
/// a UI action whose deep link and keystrokes already ran) is never retried here; the pipeline resolves it in chat.db.
/// </summary>
public sealed class AppleScriptMessagesDriver : IMessagesDriver
{
    /// <summary>How long a probe waits for a send or UI action in progress before reporting "busy".</summary>
    public static readonly TimeSpan ProbeWaitLimit = MessagesUiLock.ProbeWaitLimit;

    private readonly IOsaScriptRunner _runner;
    private readonly MessagesDriverOptions _options;
    private readonly ILogger<AppleScriptMessagesDriver> _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _notRunning;
    private readonly MessagesUiLock _lock;
    private volatile bool _ready;

    /// <summary>
    /// Creates the driver. <paramref name="timeProvider"/> paces the waits (fake time in tests); <paramref name="uiLock"/>
    /// is the lock shared with the accessibility driver (one per process; a private one when none is given).
    /// </summary>
    public AppleScriptMessagesDriver(IOsaScriptRunner runner, IOptions<MessagesDriverOptions> options,
        ILogger<AppleScriptMessagesDriver> logger, TimeProvider? timeProvider = null, MessagesUiLock? uiLock = null)
    {
        _lock = uiLock ?? new MessagesUiLock();
        _runner = runner;
        _options = options.Value;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder { TimeProvider = _time };
        if (_options.NotRunningRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // An Apple event to an application that is not running is never delivered: a plain send refused
                // with -600 sent nothing.
                ShouldHandle = new PredicateBuilder().Handle<MessagesDriverException>(e =>
                    e.Kind == MessagesFailureKind.MessagesNotRunning && ScriptNames.IsSendScript(e.Script)),
                MaxRetryAttempts = _options.NotRunningRetries,
                BackoffType = DelayBackoffType.Constant,
                Delay = _options.LaunchSettleDelay,
                UseJitter = false,
                OnRetry = args =>
                {
                    MessagesDriverLog.LaunchingMessages(_logger, args.AttemptNumber + 1);
                    _ready = false;
                    return new ValueTask(WaitUntilReadyAsync(args.Context.CancellationToken));
                },
            });
        }
        _notRunning = builder.Build();
    }

    /// <summary>The Apple-event timeout a script gets: below the process limit, so -1712 comes before the kill.</summary>
    public static int AppleEventTimeoutSeconds(TimeSpan processTimeout) => Math.Max(1, (int)(processTimeout.TotalSeconds * 0.8));

    /// <inheritdoc />
    public Task<string> SendTextAsync(SendTarget target, string text, CancellationToken cancellationToken, Action? beforeSpawn = null)
    {
        var (script, args) = target switch
        {
            HandleTarget h => (ScriptNames.SendTextToHandle, new[] { h.Handle, text, ServiceArg(h.Service) }),
            ChatTarget c => (ScriptNames.SendTextToChat, new[] { c.ChatGuid, text, c.DmHandle, ServiceArg(c.Service) }),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return RunSendAsync(script, args, _options.ScriptTimeout, beforeSpawn, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string> SendFileAsync(SendTarget target, string stagedPath, CancellationToken cancellationToken, Action? beforeSpawn = null)
    {
        if (!Path.IsPathRooted(stagedPath))
            throw new ArgumentException("Attachment paths must be absolute: Messages rejects ~ and relative paths (Jared #80).", nameof(stagedPath));
        var (script, args) = target switch
        {
            HandleTarget h => (ScriptNames.SendFileToHandle, new[] { h.Handle, stagedPath, ServiceArg(h.Service) }),
            ChatTarget c => (ScriptNames.SendFileToChat, new[] { c.ChatGuid, stagedPath, c.DmHandle, ServiceArg(c.Service) }),
            _ => throw new ArgumentOutOfRangeException(nameof(target)),
        };
        return RunSendAsync(script, args, _options.FileScriptTimeout, beforeSpawn, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ProbeRunningAsync(CancellationToken cancellationToken) =>
        ProbeAsync(ct => IsRunningAsync(ct), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MessagesAccount>> ProbeAccountsAsync(CancellationToken cancellationToken) =>
        ProbeAsync(ct => AccountsAsync(ct), cancellationToken);

    /// <inheritdoc />
    public Task ProbeAutomationAsync(CancellationToken cancellationToken) =>
        ProbeAsync(async ct => await _runner.RunAsync(ScriptNames.ProbeAutomation, [], _options.ScriptTimeout, ct), cancellationToken);

    private async Task<string> RunSendAsync(string script, string[] args, TimeSpan timeout, Action? beforeSpawn, CancellationToken cancellationToken)
    {
        string[] argv = [.. args, AppleEventTimeoutSeconds(timeout).ToString(CultureInfo.InvariantCulture)];
        using var held = await _lock.AcquireAsync(cancellationToken);
        await WaitUntilReadyAsync(cancellationToken);
        OsaScriptResult result;
        try
        {
            result = await RunOnceAsync(script, argv, timeout, beforeSpawn, cancellationToken);
        }
        catch (MessagesDriverException ex) when (ex.Kind == MessagesFailureKind.NotFound)
        {
            // mautrix retries -1728 after a second: right after Messages launches, chats and buddies resolve late.
            MessagesDriverLog.RetryingNotFound(_logger, script);
            _ready = false;
            await Task.Delay(_options.NotFoundRetryDelay, _time, cancellationToken);
            await WaitUntilReadyAsync(cancellationToken);
            result = await RunOnceAsync(script, argv, timeout, beforeSpawn, cancellationToken);
        }
        MessagesDriverLog.SendPathUsed(_logger, script, result.Output);
        return result.Output;
    }

    private async Task<OsaScriptResult> RunOnceAsync(string script, string[] argv, TimeSpan timeout, Action? beforeSpawn,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _notRunning.ExecuteAsync(async ct => await _runner.RunAsync(script, argv, timeout, ct, beforeSpawn), cancellationToken);
        }
        catch (MessagesDriverException ex) when (ex.Kind is MessagesFailureKind.MessagesNotRunning or MessagesFailureKind.ConnectionInvalid)
        {
            _ready = false;     // Messages quit or restarted: wait for it again before the next send
            throw;
        }
    }

    /// <summary>
    /// Until Messages runs with an enabled, connected account, at most <see cref="MessagesDriverOptions.ReadinessTimeout"/>:
    /// launches it when probe-running says it is not running, then polls probe-accounts. Gives up quietly (the send
    /// then fails or succeeds on its own terms) on a permission failure or when the time is up.
    /// </summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready || _options.ReadinessTimeout <= TimeSpan.Zero)
            return;
        var started = _time.GetTimestamp();
        var announced = false;
        var reason = "no connected account";
        while (true)
        {
            try
            {
                if (!await IsRunningAsync(cancellationToken))
                {
                    reason = "Messages is not running";
                    await _runner.RunAsync(ScriptNames.LaunchMessages, [], _options.ScriptTimeout, cancellationToken);
                }
                else if ((await AccountsAsync(cancellationToken)).Any(a => a.IsUsable))
                {
                    _ready = true;
                    if (announced)
                        MessagesDriverLog.MessagesReady(_logger, _time.GetElapsedTime(started).TotalMilliseconds);
                    return;
                }
                else
                    reason = "no enabled, connected account yet";
            }
            catch (MessagesDriverException ex) when (ex.Kind is not (MessagesFailureKind.MessagesNotRunning or MessagesFailureKind.ConnectionInvalid))
            {
                // Permissions, a missing script, a hung Messages: waiting will not help; the send reports it.
                MessagesDriverLog.LaunchFailed(_logger, ex.Kind);
                _ready = true;
                return;
            }
            catch (MessagesDriverException ex)
            {
                reason = ex.Message;
            }
            if (_time.GetElapsedTime(started) >= _options.ReadinessTimeout)
            {
                MessagesDriverLog.MessagesNotReady(_logger, _options.ReadinessTimeout.TotalSeconds, reason);
                _ready = true;
                return;
            }
            if (!announced)
            {
                MessagesDriverLog.WaitingForMessages(_logger, _options.ReadinessTimeout.TotalSeconds);
                announced = true;
            }
            await Task.Delay(_options.ReadinessPollInterval, _time, cancellationToken);
        }
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        (await _runner.RunAsync(ScriptNames.ProbeRunning, [], _options.ScriptTimeout, cancellationToken)).Output.Trim() == "true";

    private async Task<IReadOnlyList<MessagesAccount>> AccountsAsync(CancellationToken cancellationToken) =>
        MessagesAccount.ParseProbeOutput((await _runner.RunAsync(ScriptNames.ProbeAccounts, [], _options.ScriptTimeout, cancellationToken)).Output);

    /// <summary>Runs a probe between sends: waits briefly for one in progress, else reports "busy" (never interrupts it).</summary>
    private async Task<T> ProbeAsync<T>(Func<CancellationToken, Task<T>> probe, CancellationToken cancellationToken)
    {
        using var held = await _lock.AcquireForProbeAsync(cancellationToken);
        return await probe(cancellationToken);
    }

    private Task ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken) =>
        ProbeAsync<bool>(async ct => { await probe(ct); return true; }, cancellationToken);

    private static string ServiceArg(MessagesService service) => service switch
    {
        MessagesService.Sms => "SMS",
        MessagesService.Rcs => "RCS",
        _ => "iMessage",
    };
}
