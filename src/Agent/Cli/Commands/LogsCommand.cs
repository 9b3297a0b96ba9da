using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent logs`: prints the end of the LaunchAgent's log files, optionally following them.</summary>
public sealed class LogsCommand(OperatorContext? context = null, Func<TimeSpan, CancellationToken, Task>? delay = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public string Name => "logs";
    public string Summary => "Print the agent's log files (--follow to keep watching)";
    public string Usage => """
        usage: lineagent logs [--lines N] [--follow] [--label LABEL]

        Prints the last N lines (default 50) of ~/Library/Logs/LineAgent/lineagent.log (JSON lines) and
        lineagent.err.log, then with --follow prints what is appended until Ctrl-C.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(args, ["--follow"], ["--lines", "--label"]);
        var lines = reader.Int("--lines", 50, 0, 100_000);
        var layout = new LaunchAgentLayout(_context.Home, InstallCommand.Label(reader));
        string[] files = [layout.StandardOutPath, layout.StandardErrorPath];
        if (!files.Any(File.Exists) && !reader.Has("--follow"))
        {
            _context.Error.WriteLine($"lineagent logs: no log files in {layout.LogDirectory} yet (is the agent installed? lineagent status)");
            return 1;
        }

        var tail = new LogTail(files, _context.Out, delay);
        tail.PrintLast(lines);
        if (!reader.Has("--follow")) return 0;
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
