using LineAgent.Agent.Line;
using LineAgent.Agent.MessagesApp.Accessibility;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.MessagesApp;

/// <summary>
/// What Messages automation can do right now: runs probe-running (without launching Messages), then, when it
/// runs, probe-accounts (Automation granted, an account connected), and the accessibility probe (AXIsProcessTrusted,
/// unlocked, a real window with a transcript; no keystroke). The driver runs probes between sends, never inside one, caching the answer for <see cref="CacheFor"/>
/// because each probe spawns osascript (100-500 ms). UI-scripted features are capabilities, not promises.
/// </summary>
public sealed class MessagesCapabilityProbe(IMessagesDriver driver, IAccessibilityProbe accessibilityProbe, TimeProvider time)
{
    /// <summary>How long a probe result is reused. 60 s.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, MessagesProbeResult Result)? _cached;

    /// <summary>The cached result if fresh, else probes again.</summary>
    public async Task<MessagesProbeResult> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_cached is { } c && now - c.At < CacheFor)
                return c.Result;
            var result = await ProbeAsync(cancellationToken);
            _cached = (now, result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The newest result without probing (null before the first probe): for status computed from what the agent already
    /// knows (line.status_changed), which must never spawn osascript itself.
    /// </summary>
    public MessagesProbeResult? LastKnown => _cached?.Result;

    /// <summary>Forgets the cached result (e.g. after a permission failure during a send).</summary>
    public void Invalidate() => _cached = null;

    private async Task<MessagesProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        ProbeResult running, automation, accessibility, account;
        IReadOnlyList<MessagesAccount> accounts = [];
        try
        {
            // Asked first and without launching Messages: probe-accounts would launch it, and then "running"
            // could never be reported false.
            if (!await driver.ProbeRunningAsync(cancellationToken))
            {
                const string notRunning = "Messages is not running (the agent launches it before the next send). "
                    + "Add Messages to the user's Login Items so it runs after every login.";
                running = new ProbeResult(ProbeState.Unavailable, notRunning);
                automation = ProbeResult.NotProbed("unknown: Messages is not running, and probing would launch it");
                account = ProbeResult.NotProbed("unknown: Messages is not running");
            }
            else
            {
                accounts = await driver.ProbeAccountsAsync(cancellationToken);
                running = ProbeResult.Available;
                automation = ProbeResult.Available;
                account = accounts.Any(a => a.IsUsable && a.ServiceType == "iMessage")
                    ? ProbeResult.Available
                    : new ProbeResult(ProbeState.Unavailable,
                        "No connected, enabled iMessage account in Messages. Sign in under Messages › Settings › iMessage.");
            }
        }
        catch (MessagesDriverException ex)
        {
            running = ex.Kind == MessagesFailureKind.MessagesNotRunning
                ? new ProbeResult(ProbeState.Unavailable, ex.Message)
                : ex.Kind is MessagesFailureKind.AutomationDenied or MessagesFailureKind.AutomationConsentRequired
                    ? ProbeResult.NotProbed("unknown: Automation is not granted")
                    : new ProbeResult(ProbeState.Unknown, ex.Message);
            automation = ex.Kind is MessagesFailureKind.AutomationDenied or MessagesFailureKind.AutomationConsentRequired
                ? new ProbeResult(ProbeState.Unavailable, ex.Message)
                : new ProbeResult(ProbeState.Unknown, ex.Message);
            account = new ProbeResult(ProbeState.Unknown, ex.Message);
        }

        try
        {
            await accessibilityProbe.ProbeAsync(cancellationToken);
            accessibility = ProbeResult.Available;
        }
        catch (MessagesDriverException ex)
        {
            accessibility = ex.Kind is MessagesFailureKind.AccessibilityDenied or MessagesFailureKind.UiUnavailable
                    or MessagesFailureKind.UiElementMissing
                ? new ProbeResult(ProbeState.Unavailable, ex.Message)
                : new ProbeResult(ProbeState.Unknown, ex.Message);
        }
        return new MessagesProbeResult(running, automation, accessibility, account) { Accounts = accounts };
    }
}

/// <summary>The probes' outcomes.</summary>
/// <param name="MessagesRunning">Messages answered.</param>
/// <param name="Automation">Automation → Messages is granted.</param>
/// <param name="Accessibility">UI scripting works (Accessibility + Automation → System Events).</param>
/// <param name="IMessageAccount">An enabled, connected iMessage account exists.</param>
public sealed record MessagesProbeResult(ProbeResult MessagesRunning, ProbeResult Automation, ProbeResult Accessibility, ProbeResult IMessageAccount)
{
    /// <summary>The accounts probe-accounts listed (empty when it did not run).</summary>
    public IReadOnlyList<MessagesAccount> Accounts { get; init; } = [];

    /// <summary>Plain AppleScript sends (text, files, locations) can work.</summary>
    public ProbeResult Scripting => Automation.State != ProbeState.Available ? Automation
        : MessagesRunning.State == ProbeState.Unavailable ? MessagesRunning
        : IMessageAccount;

    /// <summary>UI-scripted features (tapbacks, typing, groups, participants, rich links) can work.</summary>
    public ProbeResult UiScripting => Scripting.State != ProbeState.Available ? Scripting : Accessibility;

    /// <summary>
    /// Why renaming is never reported plainly available: no public source gives the element path of Messages'
    /// Details pane on macOS 11–26 (accessibility reference §3.8, §8), so the path is modelled, not proven.
    /// </summary>
    public const string RenameUnproven = "unproven: no public evidence gives the element path for renaming a group in Messages "
        + "on macOS 11–26; the agent tries it only on the screen shape it models and refuses (nothing sent) on any other.";

    /// <summary>
    /// The evidence and the gaps behind several images as one send, where the driver can do it (macOS 12+): reported
    /// with the capability so a caller knows what it rests on (accessibility reference §3.9, messages-automation §1).
    /// </summary>
    public const string ParallelAttachmentsEvidence = "available on macOS 12+ through the compose field: Beeper pastes a file URL "
        + "there and waits for U+FFFC (pasteFileInBodyFieldAndSend); unproven without a Mac: several file URLs in one paste, and "
        + "whether Messages writes one row per file or one row with several attachments (both are accepted as one send). "
        + "On macOS 15.4+ the user's pasteboard is restored only when LineAgent is set to \"Always Allow\" under Privacy & "
        + "Security › Paste from Other Apps (reading it otherwise raises an alert); without that the files replace it.";

    /// <summary>Why macOS 11 cannot paste files into Messages (Beeper readme, quirks: the paste becomes a link).</summary>
    public const string ParallelAttachmentsBigSur = "unavailable on macOS 11: pasting a file URL into Messages' compose field pastes a "
        + "link, not the file (Beeper). Send without parallel_attachments: each file then goes out as its own message.";

    /// <summary>The macOS major version this agent runs on (null off macOS, e.g. the simulator on Linux, whose tree is 13+).</summary>
    public int? MacOsMajor { get; init; } = OperatingSystem.IsMacOS() ? Environment.OSVersion.Version.Major : null;

    /// <summary>
    /// Why tapbacks reach only part 0 (accessibility reference §2: a message-guid link selects the message's cell, with
    /// no part index; Beeper reaches other parts by deep-linking a neighbouring plain message and counting container
    /// cells, which a message arriving in between shifts — blip saw exactly that renumbering on 26.6 — and nothing in a
    /// cell names its part, so the count cannot be re-verified before pressing). Verification compares the part.
    /// </summary>
    public const string TapbacksFirstPartOnly = "tapbacks on a part other than the first (part_index > 0) are refused, nothing sent: "
        + "Messages' tree carries no part identity, and the only peer path (Beeper: link a neighbouring message, count cells) "
        + "cannot be re-verified before pressing, so it could react to the wrong part or message.";

    /// <summary>Why participant changes are never reported plainly available (accessibility reference §3.7, §8).</summary>
    public const string ParticipantsUnproven = "unproven: no public evidence gives the element path of Messages' Details view, "
        + "its member list or an Add Member field on macOS 11–26; the agent tries only the screen shape it models (macOS 26) and "
        + "refuses (nothing sent) on any other.";

    /// <summary>The availability of one capability.</summary>
    public ProbeResult For(LineCapability capability) => capability switch
    {
        LineCapability.Tapbacks => UiScripting.State == ProbeState.Available ? new ProbeResult(ProbeState.Available, TapbacksFirstPartOnly) : UiScripting,
        LineCapability.ParticipantChanges => UiScripting.State == ProbeState.Available ? new ProbeResult(ProbeState.Unknown, ParticipantsUnproven) : UiScripting,
        LineCapability.SendText or LineCapability.SendAttachments or LineCapability.SendLocation => Scripting,
        // Unknown, not Available: a caller may still ask (it is not refused up front), but is told it is unproven.
        LineCapability.GroupRename => UiScripting.State == ProbeState.Available ? new ProbeResult(ProbeState.Unknown, RenameUnproven) : UiScripting,
        LineCapability.ParallelAttachments => UiScripting.State != ProbeState.Available ? UiScripting
            : MacOsMajor is < 12 ? new ProbeResult(ProbeState.Unavailable, ParallelAttachmentsBigSur)
            : new ProbeResult(ProbeState.Available, ParallelAttachmentsEvidence),
        _ => UiScripting,
    };
}
