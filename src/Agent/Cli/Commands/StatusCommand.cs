using System.CommandLine;
using System.Text.Json;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent status`: is the LaunchAgent installed, loaded, running.</summary>
public sealed class StatusCommand(OperatorContext? context = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public Verb Build()
    {
        var label = CliOptions.Label();
        var json = CliOptions.Json("one JSON object: label, installed, loaded, running, state, pid, lastExitCode, runs, plist, logs");
        var launchctl = CliOptions.Launchctl();
        var verb = new Verb("status", "Show whether the LaunchAgent is installed, loaded and running")
        {
            Details = "Reads `launchctl print gui/<uid>/LABEL`. Exit 0 when running, 3 when not (installed or not).",
        };
        verb.Options.Add(label);
        verb.Options.Add(json);
        verb.Options.Add(launchctl);
        verb.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(label)!, parse.GetValue(json), parse.GetValue(launchctl)!, cancellationToken));
        return verb;
    }

    private async Task<int> RunAsync(string label, bool json, string launchctl, CancellationToken cancellationToken)
    {
        var layout = new LaunchAgentLayout(_context.Home, label);
        if (!_context.IsMacOS)
        {
            const string reason = "n/a on Linux: LaunchAgents are macOS's launchd; the agent runs in the foreground (lineagent run).";
            if (json)
                _context.Out.WriteLine(JsonSerializer.Serialize(new { label = layout.Label, supported = false, installed = false, loaded = false, running = false, detail = reason }));
            else
                _context.Error.WriteLine($"lineagent status: {reason}");
            return 3;
        }
        var installer = new LaunchAgentInstaller(new Launchctl(_context.Runner, launchctl), _context.Uid);
        var status = await installer.StatusAsync(layout, cancellationToken);

        if (json)
        {
            _context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                label = layout.Label, supported = true, installed = status.Installed, loaded = status.Loaded, running = status.Running,
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
