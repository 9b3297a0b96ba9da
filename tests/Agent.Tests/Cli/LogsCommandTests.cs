using LineAgent.Agent.Cli;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Operations.Launchd;
using LineAgent.Agent.Tests.Operations;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Cli;

public class LogsCommandTests
{
    [Fact]
    public async Task Logs_PrintsTheLastLinesOfEachFile()
    {
        using var home = new TempDirectory();
        var layout = new LaunchAgentLayout(home.Path, "com.lineagent.agent");
        Directory.CreateDirectory(layout.LogDirectory);
        File.WriteAllLines(layout.StandardOutPath, Enumerable.Range(1, 10).Select(i => $"{{\"n\":{i}}}"));
        File.WriteAllText(layout.StandardErrorPath, "crash one\ncrash two\n");
        var context = OperatorContexts.Create(home, new FakeCommandRunner());

        Assert.Equal(0, await new LogsCommand(context).RunAsync(["--lines", "3"], CancellationToken.None));

        var lines = context.Out().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            $"==> {layout.StandardOutPath} <==", "{\"n\":8}", "{\"n\":9}", "{\"n\":10}",
            $"==> {layout.StandardErrorPath} <==", "crash one", "crash two",
        ], lines);
    }

    [Fact]
    public async Task Logs_Follow_PrintsAppendedTextAndRestartsATruncatedFile()
    {
        using var home = new TempDirectory();
        var layout = new LaunchAgentLayout(home.Path, "com.lineagent.agent");
        Directory.CreateDirectory(layout.LogDirectory);
        File.WriteAllText(layout.StandardOutPath, "old\n");
        var context = OperatorContexts.Create(home, new FakeCommandRunner());
        using var cts = new CancellationTokenSource();
        var polls = 0;
        // Each "sleep" between polls is where launchd would write: append, then rotate, then stop following.
        Task Delay(TimeSpan _, CancellationToken ct)
        {
            switch (++polls)
            {
                case 1: File.AppendAllText(layout.StandardOutPath, "new 1\nnew 2\n"); break;
                case 2: File.WriteAllText(layout.StandardOutPath, "rotated\n"); break;
                default: cts.Cancel(); break;
            }
            return Task.CompletedTask;
        }

        Assert.Equal(0, await new LogsCommand(context, Delay).RunAsync(["--follow", "--lines", "1"], cts.Token));

        Assert.Equal(["old", "new 1", "new 2", "rotated"], context.Out().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("==>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Logs_NoFiles_SaysWhereItLooked()
    {
        using var home = new TempDirectory();
        var context = OperatorContexts.Create(home, new FakeCommandRunner());

        Assert.Equal(1, await new LogsCommand(context).RunAsync([], CancellationToken.None));
        Assert.Contains("Library/Logs/LineAgent", context.Err());
    }
}
