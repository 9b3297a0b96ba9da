namespace LineAgent.Agent.Cli;

/// <summary>Dispatches `lineagent VERB …` to the command that implements it.</summary>
public static class CommandLine
{
    /// <summary>Every verb, in the order `lineagent help` lists them. One line per command.</summary>
    private static IReadOnlyList<ICommand> Commands() =>
    [
        new Commands.RunCommand(),
        new Commands.InitCommand(),
        new Commands.DoctorCommand(),
        new Commands.InstallCommand(),
        new Commands.UninstallCommand(),
        new Commands.StatusCommand(),
        new Commands.LogsCommand(),
        new Commands.ExportCommand(),
        new Commands.WatchCommand(),
        new Commands.SandboxCommand(),
    ];

    public static int Run(string[] args) => RunAsync(args, Console.Out, Console.Error).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var commands = Commands();
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            var verb = args.Length > 1 ? commands.FirstOrDefault(c => c.Name == args[1]) : null;
            stdout.WriteLine(verb?.Usage ?? GeneralUsage(commands));
            return args.Length == 0 ? 2 : 0;
        }

        var command = commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"lineagent: unknown command '{args[0]}'. Run 'lineagent help' for the list.");
            return 2;
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await command.RunAsync(args[1..], cts.Token);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"lineagent {command.Name}: {ex.Message}");
            stderr.WriteLine(command.Usage);
            return 2;
        }
        catch (Configuration.ConfigurationException ex)
        {
            stderr.WriteLine($"lineagent {command.Name}: {ex.Message}");
            return Configuration.ConfigurationException.ExitCode;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string GeneralUsage(IReadOnlyList<ICommand> commands)
    {
        var width = commands.Count == 0 ? 0 : commands.Max(c => c.Name.Length);
        var lines = commands.Select(c => $"  {c.Name.PadRight(width)}  {c.Summary}");
        return "usage: lineagent <command> [options]\n\ncommands:\n" + string.Join('\n', lines)
             + "\n\nRun 'lineagent help <command>' for a command's options.";
    }
}
