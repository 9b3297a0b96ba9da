using System.Text.Json;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent status`: is the LaunchAgent installed, loaded, running.</summary>
public sealed class StatusCommand(OperatorContext? context = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public string Name => "status";
    public string Summary => "Show whether the LaunchAgent is installed, loaded and running";
    public string Usage => """
        usage: lineagent status [--label LABEL] [--json] [--launchctl PATH]

        Reads `launchctl print gui/<uid>/LABEL`. Exit 0 when running, 3 when not (installed or not).
        --json prints one JSON object: label, installed, loaded, running, state, pid, lastExitCode, runs, plist, logs.
        """;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(args, ["--json"], ["--label", "--launchctl"]);
        var layout = new LaunchAgentLayout(_context.Home, InstallCommand.Label(reader));
        if (!_context.IsMacOS)
        {
            _context.Error.WriteLine("lineagent status: n/a on Linux: LaunchAgents are macOS's launchd; the agent runs in the foreground (lineagent run).");
            return 3;
        }
        var installer = new LaunchAgentInstaller(new Launchctl(_context.Runner, reader.Value("--launchctl") ?? Launchctl.DefaultProgram), _context.Uid);
        var status = await installer.StatusAsync(layout, cancellationToken);

        if (reader.Has("--json"))
        {
            _context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                label = layout.Label, installed = status.Installed, loaded = status.Loaded, running = status.Running,
                state = status.State, pid = status.Pid, lastExitCode = status.LastExitCode, runs = status.Runs,
                plist = layout.PlistPath, logs = layout.LogDirectory,
            }));
        }
        else
        {
            var o = _context.Out;
            o.WriteLine($"label:     {layout.Label}");
            o.WriteLine($"installed: {(status.Installed ? "yes, " + layout.PlistPath : "no (lineagent install)")}");
            o.WriteLine($"loaded:    {(status.Loaded ? "yes" : "no")}");
            if (status.Loaded)
            {
                o.WriteLine($"state:     {status.State ?? "unknown"}{(status.Pid is { } pid ? $" (pid {pid})" : "")}");
                if (status.Runs is { } runs) o.WriteLine($"runs:      {runs}");
                if (status.LastExitCode is { } exit) o.WriteLine($"last exit: {exit}");
            }
            o.WriteLine($"logs:      {layout.LogDirectory}");
        }
        return status.Running ? 0 : 3;
    }
}
