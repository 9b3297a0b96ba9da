using System.Diagnostics;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.ChangeFeed;

/// <summary>
/// `lineagent watch` in a child process, killed (SIGKILL, whole tree) at random moments while a writer keeps changing
/// chat.db: after a final restart the journal holds every expected event exactly once.
/// </summary>
public sealed class KillRestartTests : IDisposable
{
    private readonly FeedFixture _f = new();

    public void Dispose() => _f.Dispose();

    private Process StartWatch(TaskCompletionSource? started = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lineagent.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("watch");
        psi.ArgumentList.Add("--chat-db");
        psi.ArgumentList.Add(_f.ChatDbPath);
        psi.ArgumentList.Add("--state-dir");
        psi.ArgumentList.Add(Path.GetDirectoryName(_f.Journal.Path)!);
        psi.Environment["LINEAGENT__ChangeFeed__PollInterval"] = "00:00:00.050";
        psi.Environment["LINEAGENT__ChangeFeed__UpdateScanInterval"] = "00:00:00.010";
        psi.Environment["Logging__LogLevel__Default"] = "Information";
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Change feed started", StringComparison.Ordinal) == true)
                started?.TrySetResult();
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public async Task WatchKilledAtRandomPoints_NoEventLostNoneDuplicated()
    {
        var chat = _f.ChatDb.EnsureDirectChat("+15550001");
        using (var baseline = _f.NewEngine())
            baseline.RunCycle(false); // the journal's starting position: everything after it must be reported

        var expected = new List<string>();
        var random = new Random(1234);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var received = _f.ChatDb.ReceiveText(chat, "+15550001", $"in {i}");
                expected.Add($"{received.Guid}:received");
                var sent = _f.ChatDb.SendText(chat, $"out {i}", sent: false);
                _f.ChatDb.MarkSent(sent);
                expected.Add($"{sent.Guid}:sent");
                if (i % 3 == 0)
                {
                    _f.ChatDb.MarkDelivered(sent);
                    expected.Add($"{sent.Guid}:delivered");
                }
                if (i % 5 == 0)
                {
                    var tapback = _f.ChatDb.InsertTapback(chat, sent, TapbackKind.Like, from: "+15550001");
                    expected.Add($"{tapback.Guid}:reaction");
                }
                await Task.Delay(random.Next(5, 40));
            }
        });

        var kills = 0;
        var journaledAtKills = new List<long>();
        while (!writer.IsCompleted)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var child = StartWatch(started);
            // Kill during start-up now and then, but mostly while the feed is at work.
            if (kills % 4 != 3)
                await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(random.Next(0, 400));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            kills++;
            journaledAtKills.Add(_f.Journal.LastCursor);
        }
        await writer;

        using (var final = StartWatch())
        {
            await Eventually.UntilAsync(() => expected.All(id => _f.Journal.Find(id) is not null),
                "every expected event is journaled after the final restart", TimeSpan.FromSeconds(60));
            final.Kill(entireProcessTree: true);
            await final.WaitForExitAsync();
        }

        var ids = _f.Events().Select(e => e.Id).ToList();
        Assert.True(kills >= 3, $"the writer outlived only {kills} kill(s)");
        // The children were killed while they were making progress, not only during start-up.
        Assert.True(journaledAtKills.Distinct().Count() >= 2, "journal cursors at the kills: " + string.Join(",", journaledAtKills));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.Order(), ids.Order());
    }
}
