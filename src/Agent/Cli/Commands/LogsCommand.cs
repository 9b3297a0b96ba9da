using System.CommandLine;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent logs`: prints the end of the LaunchAgent's log files, optionally following them.</summary>
public sealed class LogsCommand(OperatorContext? context = null, Func<TimeSpan, CancellationToken, Task>? delay = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public Verb Build()
    {
        var lines = CliOptions.Number("--lines", "how many last lines to print (default 50)", 0, 100_000, 50);
        var follow = new Option<bool>("--follow", "-f") { Description = "keep printing what is appended until Ctrl-C" };
        var label = CliOptions.Label();
        var verb = new Verb("logs", "Print the agent's log files (--follow to keep watching)")
        {
            Details = """
                Prints the last N lines of ~/Library/Logs/LineAgent/lineagent.log (JSON lines) and lineagent.err.log,
                then with --follow prints what is appended until Ctrl-C.
                """,
        };
        verb.Options.Add(lines);
        verb.Options.Add(follow);
        verb.Options.Add(label);
        verb.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(lines), parse.GetValue(follow), parse.GetValue(label)!, cancellationToken));
        return verb;
    }

    private async Task<int> RunAsync(int lines, bool follow, string label, CancellationToken cancellationToken)
    {
        var layout = new LaunchAgentLayout(_context.Home, label);
        string[] files = [layout.StandardOutPath, layout.StandardErrorPath];
        if (!files.Any(File.Exists) && !follow)
        {
            _context.Error.WriteLine($"lineagent logs: no log files in {layout.LogDirectory} yet (is the agent installed? lineagent status)");
            return 1;
        }

        var tail = new LogTail(files, _context.Out, delay);
        tail.PrintLast(lines);
        if (!follow) return 0;
        try
        {
            await tail.FollowAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return 0;
    }
}
