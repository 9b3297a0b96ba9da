using System.CommandLine;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent uninstall`: stops and unloads the LaunchAgent and deletes its plist.</summary>
public sealed class UninstallCommand(OperatorContext? context = null, Func<TimeSpan, CancellationToken, Task>? delay = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public Verb Build()
    {
        var label = CliOptions.Label();
        var launchctl = CliOptions.Launchctl();
        var verb = new Verb("uninstall", "Stop the LaunchAgent and remove its plist (keeps logs and the state directory)")
        {
            Details = """
                launchctl bootout gui/<uid>/LABEL (when loaded), then deletes ~/Library/LaunchAgents/LABEL.plist.
                The state directory (journal, outbox, token) and ~/Library/Logs/LineAgent are kept.
                """,
        };
        verb.Options.Add(label);
        verb.Options.Add(launchctl);
        verb.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(label)!, parse.GetValue(launchctl)!, cancellationToken));
        return verb;
    }

    private async Task<int> RunAsync(string label, string launchctl, CancellationToken cancellationToken)
    {
        var layout = new LaunchAgentLayout(_context.Home, label);
        if (!_context.IsMacOS)
        {
            _context.Error.WriteLine("lineagent uninstall: n/a on Linux: LaunchAgents are macOS's launchd.");
            return 1;
        }
        var installer = new LaunchAgentInstaller(new Launchctl(_context.Runner, launchctl),
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
