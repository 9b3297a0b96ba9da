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
        void Write(int i)
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
        }

        // Rounds in lockstep with the children, so the outcome does not depend on how fast this machine starts a
        // process: each round writes its share of the 100 changes while a child runs, and the child is killed at a
        // random moment once it has journaled part of them (every fourth round: during its start-up instead).
        const int Rounds = 8, Total = 100;
        var kills = 0;
        var journaledAtKills = new List<long>();
        var next = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var before = _f.Journal.LastCursor;
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var child = StartWatch(started);
            var duringStartup = round % 4 == 3;
            if (!duringStartup)
                await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var from = next;
            next = (round + 1) * Total / Rounds;
            var until = next;
            var delays = Enumerable.Range(from, until - from).Select(_ => random.Next(5, 40)).ToList();
            var writing = Task.Run(async () =>
            {
                for (var i = from; i < until; i++)
                {
                    Write(i);
                    await Task.Delay(delays[i - from]);
                }
            });
            if (!duringStartup)
                await Eventually.UntilAsync(() => _f.Journal.LastCursor > before, $"round {round}'s child to journal something",
                    TimeSpan.FromSeconds(60));
            await Task.Delay(random.Next(0, 200));
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            kills++;
            var atKill = _f.Journal.LastCursor;
            journaledAtKills.Add(atKill);
            Assert.True(duringStartup || atKill > before, $"round {round}: killed before it journaled anything");
            await writing;
        }

        using (var final = StartWatch())
        {
            await Eventually.UntilAsync(() => expected.All(id => _f.Journal.Find(id) is not null),
                "every expected event is journaled after the final restart", TimeSpan.FromSeconds(60));
            final.Kill(entireProcessTree: true);
            await final.WaitForExitAsync();
        }

        var ids = _f.Events().Select(e => e.Id).ToList();
        Assert.Equal(Rounds, kills);
        // The children were killed while they were making progress, not only during start-up.
        Assert.True(journaledAtKills.Distinct().Count() >= Rounds - Rounds / 4, "journal cursors at the kills: " + string.Join(",", journaledAtKills));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.Order(), ids.Order());
    }
}
