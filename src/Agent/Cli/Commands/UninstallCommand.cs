using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent uninstall`: stops and unloads the LaunchAgent and deletes its plist.</summary>
public sealed class UninstallCommand(OperatorContext? context = null, Func<TimeSpan, CancellationToken, Task>? delay = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public string Name => "uninstall";
    public string Summary => "Stop the LaunchAgent and remove its plist (keeps logs and the state directory)";
    public string Usage => """
        usage: lineagent uninstall [--label LABEL] [--launchctl PATH]

        launchctl bootout gui/<uid>/LABEL (when loaded), then deletes ~/Library/LaunchAgents/LABEL.plist.
        The state directory (journal, outbox, token) and ~/Library/Logs/LineAgent are kept.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(args, [], ["--label", "--launchctl"]);
        var layout = new LaunchAgentLayout(_context.Home, InstallCommand.Label(reader));
        if (!_context.IsMacOS)
        {
            _context.Error.WriteLine("lineagent uninstall: n/a on Linux: LaunchAgents are macOS's launchd.");
            return 1;
        }
        var installer = new LaunchAgentInstaller(new Launchctl(_context.Runner, reader.Value("--launchctl") ?? Launchctl.DefaultProgram),
            _context.Uid, delay);
        try
        {
            var steps = await installer.UninstallAsync(layout, cancellationToken);
            foreach (var step in steps) _context.Out.WriteLine(step);
            if (steps.Count == 0) _context.Out.WriteLine($"{layout.Label} is not installed; nothing to do");
            return 0;
        }
        catch (LaunchAgentException ex)
        {
            _context.Error.WriteLine($"lineagent uninstall: {ex.Message}");
            return 1;
        }
    }
}
