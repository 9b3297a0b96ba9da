using LineAgent.Agent.MessagesApp;
using LineAgent.ChatDbReader.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.MessagesApp;

/// <summary>Probes never run inside a send or UI action (a probe in the middle of a UI action's keystrokes would land there).</summary>
public sealed class DriverSerialisationTests
{
    private sealed class RecordingRunner(TimeSpan actionTime) : IOsaScriptRunner
    {
        private int _running;
        public int MaxConcurrent { get; private set; }
        public List<string> Log { get; } = [];

        public async Task<OsaScriptResult> RunAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
            Action? beforeSpawn = null)
        {
            beforeSpawn?.Invoke();
            var now = Interlocked.Increment(ref _running);
            lock (Log) { Log.Add("start " + script); MaxConcurrent = Math.Max(MaxConcurrent, now); }
            try
            {
                if (!script.StartsWith("probe-", StringComparison.Ordinal))
                    await Task.Delay(actionTime, cancellationToken);
                var output = script switch
                {
                    ScriptNames.ProbeRunning => "true",
                    ScriptNames.ProbeAccounts => "E:me\tiMessage\ttrue\tconnected\tme",
                    _ => "ok",
                };
                return new OsaScriptResult(output, TimeSpan.Zero);
            }
            finally
            {
                lock (Log) Log.Add("end " + script);
                Interlocked.Decrement(ref _running);
            }
        }
    }

    [Fact]
    public async Task ProbesWaitForTheUiActionInProgress_ThroughTheSharedLock()
    {
        var runner = new RecordingRunner(TimeSpan.FromMilliseconds(50));
        var uiLock = new MessagesUiLock();
        var driver = new AppleScriptMessagesDriver(runner, Options.Create(new MessagesDriverOptions()), NullLogger<AppleScriptMessagesDriver>.Instance,
            uiLock: uiLock);

        var action = await uiLock.AcquireAsync(CancellationToken.None);   // an accessibility action in progress
        var probe = driver.ProbeAccountsAsync(CancellationToken.None);
        var send = driver.SendTextAsync(new HandleTarget("+15550001111", MessagesService.IMessage), "hi", CancellationToken.None);
        await Task.Delay(300);
        Assert.False(probe.IsCompleted);
        Assert.False(send.IsCompleted);
        Assert.Empty(runner.Log);

        action.Dispose();
        await Task.WhenAll(probe, send);
        Assert.Equal(1, runner.MaxConcurrent);
    }

    [Fact]
    public async Task AProbeBehindALongSend_ReportsBusy_InsteadOfWaitingForIt()
    {
        var runner = new RecordingRunner(AppleScriptMessagesDriver.ProbeWaitLimit + TimeSpan.FromSeconds(2));
        var driver = new AppleScriptMessagesDriver(runner, Options.Create(new MessagesDriverOptions()), NullLogger<AppleScriptMessagesDriver>.Instance);

        var send = driver.SendFileAsync(new HandleTarget("+15550001111", MessagesService.IMessage), "/tmp/x.jpg", CancellationToken.None);
        await Task.Delay(200);
        var busy = await Assert.ThrowsAsync<MessagesDriverException>(() => driver.ProbeAutomationAsync(CancellationToken.None));
        await send;

        Assert.Equal(MessagesFailureKind.Busy, busy.Kind);
        Assert.Equal(1, runner.MaxConcurrent);
    }
}
