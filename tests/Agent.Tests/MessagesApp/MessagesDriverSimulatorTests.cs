using CliWrap;
using CliWrap.Buffered;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using ReactionType = LineAgent.ChatDbReader.Records.ReactionType;

namespace LineAgent.Agent.Tests.MessagesApp;

/// <summary>The real driver (CliWrap process spawns, real script files) against the fake-messages simulator.</summary>
public sealed class MessagesDriverSimulatorTests
{
    public static TheoryData<string> HostileTexts() => new()
    {
        "plain",
        "quotes \" and 'single' and `backticks`",
        "back\\slash \\\" trailing\\",
        "line one\nline two\r\nline three\ttab",
        "\" & do shell script \"rm -rf ~\" & \"",
        "\"; tell application \"Finder\" to delete every file --",
        "$(id) ${HOME} %PATH% ; | & < > * ?",
        "-e",
        "--",
        "مرحبا بالعالم \u202Eabc\u202C שלום",
        "emoji 👩‍👩‍👧‍👦 👍🏽 🇺🇦 and CJK 漢字",
        "  leading and trailing spaces  ",
        new string('x', 20_000),
        string.Concat(Enumerable.Repeat("😀\"\\\n", 2_500)),
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task SendText_ToHandle_ArrivesInChatDbVerbatim(string text)
    {
        using var sim = new SimulatedMessages();
        var path = await sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), text, CancellationToken.None);

        Assert.Equal("buddy", path);
        Assert.Equal(text, sim.LastSentText());
        Assert.Equal(1L, sim.MessageCount());
        Assert.Equal("iMessage;-;+15551230001", sim.Db.Scalar(
            "SELECT c.guid FROM chat c JOIN chat_message_join j ON j.chat_id = c.ROWID ORDER BY j.message_id DESC LIMIT 1"));
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task SendText_ToGroupChat_ArrivesVerbatim(string text)
    {
        using var sim = new SimulatedMessages();
        var group = sim.Db.CreateGroupChat(["+15551230001", "+15551230002"]);

        var path = await sim.Driver().SendTextAsync(new ChatTarget(group.Guid), text, CancellationToken.None);

        Assert.Equal("chat", path);
        Assert.Equal(text, sim.LastSentText());
    }

    [Fact]
    public async Task SendText_ToTahoeAnyGuid_UsesTheGuidAsStored()
    {
        using var sim = new SimulatedMessages(SchemaVariant.Tahoe);
        var group = sim.Db.CreateGroupChat(["+15551230001", "+15551230002"]);
        Assert.StartsWith("any;+;", group.Guid);

        await sim.Driver().SendTextAsync(new ChatTarget(group.Guid), "hello tahoe", CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount($"text = 'hello tahoe' AND ROWID IN (SELECT message_id FROM chat_message_join WHERE chat_id = {group.RowId})"));
    }

    [Fact]
    public async Task SendText_ToStaleOneToOneChat_FallsBackToTheBuddy()
    {
        using var sim = new SimulatedMessages(SchemaVariant.Tahoe, c => c.StaleChats.Add("any;-;+15551230009"));
        sim.Db.EnsureDirectChat("+15551230009");

        var path = await sim.Driver().SendTextAsync(new ChatTarget("any;-;+15551230009"), "via buddy", CancellationToken.None);

        Assert.Equal("buddy", path);
        Assert.Equal("via buddy", sim.LastSentText());
    }

    [Fact]
    public async Task SendText_ToUnknownGroup_FailsWithNotFound_AndSendsNothing()
    {
        using var sim = new SimulatedMessages();

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Driver().SendTextAsync(new ChatTarget("iMessage;+;chat000000"), "x", CancellationToken.None));

        Assert.Equal(MessagesFailureKind.NotFound, failure.Kind);
        Assert.True(failure.NothingSent);
        Assert.Equal(0L, sim.MessageCount());
    }

    /// <summary>
    /// No SMS account: `1st service whose service type = SMS` is -1719 "Invalid index", which read as a missing UI
    /// element ("may have sent"). The script raises its own 9100 instead: not sent, and said so.
    /// </summary>
    [Fact]
    public async Task SendText_Sms_WithoutAnSmsAccount_FailsAsNotSent_AndWorksWithOne()
    {
        using var sim = new SimulatedMessages();
        var target = new HandleTarget("+15551230003", MessagesService.Sms);

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() => sim.Driver().SendTextAsync(target, "sms", CancellationToken.None));
        Assert.Equal(MessagesFailureKind.NoServiceAccount, failure.Kind);
        Assert.Equal(9100, failure.Code);
        Assert.True(failure.NothingSent);
        Assert.Contains("no account for the service", failure.Message);
        Assert.Equal(0L, sim.MessageCount());

        sim.Configure(c => c.SmsAvailable = true);
        await sim.Driver().SendTextAsync(target, "sms", CancellationToken.None);
        Assert.Equal("SMS", sim.Db.Scalar("SELECT service FROM message ORDER BY ROWID DESC LIMIT 1"));
    }

    [Fact]
    public async Task AutomationDenied_IsTypedAndNotRetried()
    {
        using var sim = new SimulatedMessages(configure: c => c.AutomationDenied = true);

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "x", CancellationToken.None));

        Assert.Equal(MessagesFailureKind.AutomationDenied, failure.Kind);
        Assert.Single(sim.Actions);
        Assert.Equal(0L, sim.MessageCount());
    }

    /// <summary>Cold start: Messages is launched before the first send, and the send waits until its account connects.</summary>
    [Fact]
    public async Task ColdStart_LaunchesMessages_AndWaitsForTheAccount_BeforeTheFirstSend()
    {
        using var sim = new SimulatedMessages(configure: c => { c.MessagesRunning = false; c.ConnectingProbes = 2; });

        await sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "after launch", CancellationToken.None);

        Assert.Equal(["probe-running 0", "launch-messages 0",
            "probe-running 0", "probe-accounts 0", "probe-running 0", "probe-accounts 0", "probe-running 0", "probe-accounts 0",
            "send-text-to-handle 4"], sim.Calls);
        Assert.Equal(1L, sim.MessageCount());
    }

    /// <summary>Before: no wait, so the send right after launch failed with -1728 for good.</summary>
    [Fact]
    public async Task ColdStart_WithoutTheReadinessWait_WouldLoseTheSend()
    {
        using var sim = new SimulatedMessages(configure: c => { c.MessagesRunning = true; c.ConnectingProbes = 5; });
        var options = sim.DriverOptions();
        options.ReadinessTimeout = TimeSpan.Zero;
        var driver = new AppleScriptMessagesDriver(new OsaScriptRunner(Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OsaScriptRunner>.Instance), Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AppleScriptMessagesDriver>.Instance);

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            driver.SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "lost", CancellationToken.None));
        Assert.Equal(MessagesFailureKind.NotFound, failure.Kind);
        Assert.Equal(0L, sim.MessageCount());
    }

    /// <summary>A -1728 is retried exactly once, after readiness: a second one is a real "not found".</summary>
    [Fact]
    public async Task NotFound_IsRetriedOnceAfterReadiness_ThenReported()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("-1728"));
        await sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "second try", CancellationToken.None);
        Assert.Equal(2, sim.Actions.Count);
        Assert.Equal(1L, sim.MessageCount());

        sim.Configure(c => { c.Calls.Clear(); c.FailNext.AddRange(["-1728", "-1728"]); });
        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "never", CancellationToken.None));
        Assert.Equal(MessagesFailureKind.NotFound, failure.Kind);
        Assert.Equal(2, sim.Actions.Count);
        Assert.Equal(1L, sim.MessageCount());
    }

    [Fact]
    public async Task InjectedMinus600_OnAPlainSend_RetriesAfterLaunch()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("-600"));

        await sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "x", CancellationToken.None);

        Assert.Equal(1L, sim.MessageCount());
        Assert.Equal(["send-text-to-handle 4", "send-text-to-handle 4"], sim.Actions);
    }

    [Theory]
    [InlineData("-1712", MessagesFailureKind.AppleEventTimedOut)]
    [InlineData("-609", MessagesFailureKind.ConnectionInvalid)]
    public async Task AmbiguousFailures_AreNeverRetried(string code, MessagesFailureKind kind)
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add(code));

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "x", CancellationToken.None));

        Assert.Equal(kind, failure.Kind);
        Assert.False(failure.NothingSent);
        Assert.Single(sim.Actions);
    }

    /// <summary>
    /// Messages does not answer: the script's own `with timeout` (80 % of the process limit) raises -1712 before the
    /// process would be killed. Before, AppleScript's 2-minute default outlived the 30 s kill, so -1712 never came.
    /// </summary>
    [Fact]
    public async Task HangingMessages_RaisesMinus1712_FromTheScriptsOwnTimeout_BeforeTheKill()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("hang"));

        // A killed process would be TimedOut; -1712 proves the script's own limit (9 s of 12) fired first. The 3 s margin
        // covers a cold simulator process starting on a loaded machine.
        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Driver(TimeSpan.FromSeconds(12)).SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "x", CancellationToken.None));

        Assert.Equal(MessagesFailureKind.AppleEventTimedOut, failure.Kind);
        Assert.Equal(-1712, failure.Code);
        Assert.False(failure.NothingSent);
        Assert.Single(sim.Actions);
    }

    [Fact]
    public void AppleEventTimeout_StaysBelowTheProcessLimit()
    {
        Assert.Equal(24, AppleScriptMessagesDriver.AppleEventTimeoutSeconds(TimeSpan.FromSeconds(30)));
        Assert.Equal(120, AppleScriptMessagesDriver.AppleEventTimeoutSeconds(TimeSpan.FromSeconds(150)));
        Assert.Equal(1, AppleScriptMessagesDriver.AppleEventTimeoutSeconds(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task HangAfterSend_LeavesTheRowInChatDb_ThoughTheScriptTimesOut()
    {
        using var sim = new SimulatedMessages(configure: c => c.FailNext.Add("hang-after-send"));

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            sim.Driver(TimeSpan.FromSeconds(10)).SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "sent anyway", CancellationToken.None));

        // -1712 from the script's own limit, or (a cold simulator process on a loaded machine) the kill: both ambiguous.
        Assert.Contains(failure.Kind, new[] { MessagesFailureKind.AppleEventTimedOut, MessagesFailureKind.TimedOut });
        Assert.False(failure.NothingSent);
        Assert.Equal("sent anyway", sim.LastSentText());
    }

    [Fact]
    public async Task ProbeAccounts_ParsesEveryAccount()
    {
        using var sim = new SimulatedMessages(configure: c => c.SmsAvailable = true);

        var accounts = await sim.Driver().ProbeAccountsAsync(CancellationToken.None);

        Assert.Equal(["iMessage", "SMS"], accounts.Select(a => a.ServiceType));
        Assert.All(accounts, a => Assert.True(a.IsUsable));
    }

    [Fact]
    public async Task SendFile_ToHandle_WritesTheAttachmentRow()
    {
        using var sim = new SimulatedMessages();
        var file = sim.Directory.File("photo \"quoted\" & name.jpg");
        await File.WriteAllBytesAsync(file, [1, 2, 3, 4]);

        await sim.Driver().SendFileAsync(new HandleTarget("+15551230001", MessagesService.IMessage), file, CancellationToken.None);

        Assert.Equal("photo \"quoted\" & name.jpg", sim.Db.Scalar("SELECT transfer_name FROM attachment"));
        Assert.Equal(4L, sim.Db.Scalar("SELECT total_bytes FROM attachment"));
    }

    [Fact]
    public async Task SendFile_RejectsRelativePaths_BeforeRunningAnything()
    {
        using var sim = new SimulatedMessages();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sim.Driver().SendFileAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "~/photo.jpg", CancellationToken.None));
        Assert.Empty(sim.Actions);
    }

    [Fact]
    public async Task Arguments_WithNul_AreRejected_BecauseArgvCannotCarryThem()
    {
        using var sim = new SimulatedMessages();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sim.Driver().SendTextAsync(new HandleTarget("+15551230001", MessagesService.IMessage), "a\0b", CancellationToken.None));
        Assert.Equal(0L, sim.MessageCount());
    }

    [Theory]
    [InlineData("send-text-to-handle", new string[] { "+15551230001", "only two" })]
    [InlineData("send-text-to-chat", new string[] { "iMessage;-;+1", "a", "b", "c", "24", "extra" })]
    [InlineData("probe-accounts", new string[] { "unexpected" })]
    public async Task Simulator_RejectsWrongArgumentCounts_LikeOsascript(string script, string[] args)
    {
        using var sim = new SimulatedMessages();
        var scriptPath = Path.Combine(AppContext.BaseDirectory, "scripts", "applescript", script + ".applescript");

        var result = await CliWrap.Cli.Wrap(SimulatedMessages.SimulatorPath).WithArguments([scriptPath, .. args])
            .WithEnvironmentVariables(e => e.Set("LINEAGENT_SIM_CHAT_DB", sim.ChatDbPath))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("execution error:", result.StandardError);
        Assert.EndsWith("(-1708)", result.StandardError.Trim());
        Assert.Equal(MessagesFailureKind.BadArguments, OsaErrorClassifier.Classify(script, 1, result.StandardError).Kind);
        Assert.Equal(0L, sim.MessageCount());
    }

    [Fact]
    public async Task Runner_RefusesWrongArgumentCount_WithoutSpawning()
    {
        using var sim = new SimulatedMessages();
        var runner = new OsaScriptRunner(Microsoft.Extensions.Options.Options.Create(sim.DriverOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OsaScriptRunner>.Instance);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            runner.RunAsync(ScriptNames.SendTextToHandle, ["one"], TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Empty(sim.Actions);
    }

    [Fact]
    public async Task MissingOsascript_IsScriptUnavailable()
    {
        using var sim = new SimulatedMessages();
        var options = sim.DriverOptions();
        options.OsascriptPath = sim.Directory.File("no-such-osascript");
        var runner = new OsaScriptRunner(Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OsaScriptRunner>.Instance);

        var failure = await Assert.ThrowsAsync<MessagesDriverException>(() =>
            runner.RunAsync(ScriptNames.ProbeAutomation, [], TimeSpan.FromSeconds(5), CancellationToken.None));

        Assert.Equal(MessagesFailureKind.ScriptUnavailable, failure.Kind);
        Assert.True(failure.NothingSent);
    }
}
