using System.CommandLine;
using System.Text.RegularExpressions;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Operations;
using LineAgent.Agent.Operations.Launchd;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent install`: writes the LaunchAgent plist and loads it into gui/&lt;uid&gt;.</summary>
public sealed partial class InstallCommand(OperatorContext? context = null, Func<TimeSpan, CancellationToken, Task>? delay = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public Verb Build()
    {
        var label = CliOptions.Label();
        var stateDir = new Option<string>("--state-dir") { Description = "the state directory the agent will use (Agent:StateDirectory)", HelpName = "DIR" };
        var env = new Option<string[]>("--env") { Description = "an environment variable for the agent (repeatable)", HelpName = "KEY=VALUE", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var throttle = CliOptions.Number("--throttle-interval", "seconds launchd waits before restarting it (default 10)", 1, 3600, 10, "SECONDS");
        var launchctl = CliOptions.Launchctl();
        var dryRun = new Option<bool>("--dry-run") { Description = "print the plist and change nothing" };
        var verb = new Verb("install", "Install and start the LaunchAgent (~/Library/LaunchAgents/<label>.plist)")
        {
            Details = """
                Writes ~/Library/LaunchAgents/LABEL.plist (default label com.lineagent.agent) to run `lineagent run` from this
                executable at login, restarted after failures; logs go to ~/Library/Logs/LineAgent. Then: launchctl bootout
                (if loaded), enable, bootstrap gui/<uid>, kickstart. Run it from LineAgent.app so privacy grants stick.

                Examples:
                  /Applications/LineAgent.app/Contents/MacOS/lineagent install
                  lineagent install --env LINEAGENT__Observability__MetricsEnabled=true --dry-run
                """,
        };
        foreach (var option in new Option[] { label, stateDir, env, throttle, launchctl, dryRun })
            verb.Options.Add(option);
        verb.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(label)!, parse.GetValue(stateDir), parse.GetValue(env) ?? [],
            parse.GetValue(throttle), parse.GetValue(launchctl)!, parse.GetValue(dryRun), cancellationToken));
        return verb;
    }

    private async Task<int> RunAsync(string label, string? stateDir, string[] env, int throttleInterval, string launchctl, bool dryRun,
        CancellationToken cancellationToken)
    {
        var layout = new LaunchAgentLayout(_context.Home, label);
        var stateDirectory = AgentConfiguration.StateDirectory(stateDir is null ? [] : ["--state-dir", stateDir], _context.ConfigurationSources);

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // launchd starts jobs with a minimal PATH; say it explicitly so osascript, pmset, caffeinate resolve.
            ["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin",
            [$"{AgentConfiguration.EnvironmentPrefix}{AgentOptions.Section}__{nameof(AgentOptions.StateDirectory)}"] = stateDirectory,
        };
        var programArguments = ProgramArguments();
        var bundleMarker = programArguments[0].IndexOf(".app/Contents/MacOS/", StringComparison.Ordinal);
        if (bundleMarker >= 0)
        {
            // In LineAgent.app the scripts live in Contents/Resources (non-code files do not belong next to the executable).
            environment[$"{AgentConfiguration.EnvironmentPrefix}MessagesDriver__ScriptsDirectory"] =
                programArguments[0][..(bundleMarker + ".app/Contents/".Length)] + "Resources/scripts/applescript";
        }
        foreach (var pair in env)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !VariableName().IsMatch(pair[..eq]))
                throw new UsageException($"--env needs KEY=VALUE with a variable name, not '{pair}'");
            environment[pair[..eq]] = pair[(eq + 1)..];
        }

        var definition = new LaunchAgentDefinition(label, programArguments, stateDirectory,
            layout.StandardOutPath, layout.StandardErrorPath, environment,
            throttleInterval);
        string plist;
        try
        {
            plist = LaunchAgentPlist.Render(definition);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        if (dryRun)
        {
            _context.Out.Write(plist);
            return 0;
        }
        if (!_context.IsMacOS)
        {
            _context.Error.WriteLine("lineagent install: n/a on Linux: LaunchAgents are macOS's launchd. Use --dry-run to see the plist, or `lineagent run` directly.");
            return 1;
        }

        if (!File.Exists(StateDirectoryFiles.ConfigFile(stateDirectory)))
            _context.Out.WriteLine($"note: {StateDirectoryFiles.ConfigFile(stateDirectory)} does not exist yet; `lineagent init` creates it");
        if (!definition.ProgramArguments[0].Contains(".app/Contents/MacOS/", StringComparison.Ordinal))
            _context.Out.WriteLine($"note: {definition.ProgramArguments[0]} is not inside LineAgent.app; macOS privacy grants are tied to the " +
                                   "signed bundle and may not stick to a bare or rebuilt binary (see docs/operations.md)");

        var installer = new LaunchAgentInstaller(new Launchctl(_context.Runner, launchctl),
            _context.Uid, delay);
        try
        {
            foreach (var step in await installer.InstallAsync(layout, plist, cancellationToken))
                _context.Out.WriteLine(step);
        }
        catch (LaunchAgentException ex)
        {
            _context.Error.WriteLine($"lineagent install: {ex.Message}");
            return 1;
        }
        _context.Out.WriteLine($"logs: {layout.LogDirectory} (lineagent logs --follow); check: lineagent doctor");
        return 0;
    }

    private IReadOnlyList<string> ProgramArguments()
    {
        var executable = _context.ExecutablePath ?? throw new UsageException("cannot tell where this executable is; run the lineagent binary directly");
        // Under `dotnet lineagent.dll` the process is the dotnet host: launchd must run the same pair.
        if (Path.GetFileNameWithoutExtension(executable) == "dotnet")
            return [executable, Path.Combine(AppContext.BaseDirectory, "lineagent.dll"), "run"];
        return [executable, "run"];
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    internal static partial Regex VariableName();
}
