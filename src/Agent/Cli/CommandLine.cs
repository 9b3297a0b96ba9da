using System.Reflection;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using LineAgent.Agent.Configuration;

namespace LineAgent.Agent.Cli;

/// <summary>
/// `lineagent VERB …` on System.CommandLine: one root command with every verb, `help [VERB]`, `completion SHELL`,
/// `--version`, and the exit codes every verb shares (2 bad arguments, 78 configuration refused, 130 interrupted).
/// </summary>
public static class CommandLine
{
    /// <summary>Every verb, in the order `lineagent help` lists them. One line per command.</summary>
    private static IReadOnlyList<ICommand> Commands(TextWriter stdout, TextWriter stderr)
    {
        var machine = Operations.OperatorContext.Default() with { Out = stdout, Error = stderr };
        return
        [
            new Commands.RunCommand(stderr),
            new Commands.InitCommand(machine),
            new Commands.DoctorCommand(machine),
            new Commands.InstallCommand(machine),
            new Commands.UninstallCommand(machine),
            new Commands.StatusCommand(machine),
            new Commands.LogsCommand(machine),
            new Commands.ExportCommand(Console.OpenStandardOutput, stderr, progress: stderr == Console.Error && !Console.IsErrorRedirected),
            new Commands.WatchCommand(stdout),
            new Commands.SandboxCommand(stdout, stderr),
            new Certify.CertifyVerb(Client.ClientEnvironment.Default(stdout, stderr)),
            .. Client.ClientVerbs.All(Client.ClientEnvironment.Default(stdout, stderr)),
        ];
    }

    public static int Run(string[] args)
    {
        // `export` is a short process on the clock of whoever waits for its output: its per-row code (not precompiled)
        // compiles on the other core from the first moment, while this one builds the verbs and opens chat.db.
        if (args is ["export", ..])
            LineAgent.Agent.Cli.Commands.ExportCommand.CompileRowCodeAhead();
        return RunAsync(args, Console.Out, Console.Error).GetAwaiter().GetResult();
    }

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        InvokeAsync(Commands(stdout, stderr), args, stdout, stderr);

    /// <summary>Runs one verb with the arguments after its name, as `lineagent NAME args…` would (tests, embedding).</summary>
    /// <param name="stdout">Where help goes (default: the console).</param>
    /// <param name="stderr">Where argument and dispatch errors go (default: the console).</param>
    public static Task<int> RunAsync(this ICommand command, string[] args, CancellationToken cancellationToken,
        TextWriter? stdout = null, TextWriter? stderr = null) =>
        InvokeAsync([command], [command.Build().Name, .. args], stdout ?? Console.Out, stderr ?? Console.Error, cancellationToken);

    private static async Task<int> InvokeAsync(IReadOnlyList<ICommand> commands, string[] args, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken = default)
    {
        var root = Root(commands);
        var parse = root.Parse(args);
        var verb = VerbPath(parse);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
                stderr.WriteLine($"lineagent{verb}: {error.Message}");
            stderr.WriteLine($"Run 'lineagent help{verb}' for the options.");
            return 2;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Ctrl-C is ours (onCancel): System.CommandLine must not end the process on its own timer.
            var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation, cts.Token);
        }
        catch (UsageException ex)
        {
            stderr.WriteLine($"lineagent{verb}: {ex.Message}");
            stderr.WriteLine($"Run 'lineagent help{verb}' for the options.");
            return 2;
        }
        catch (Client.AgentTargetException ex)
        {
            stderr.WriteLine($"lineagent{verb}: {ex.Message}");
            return Client.AgentTargetException.ExitCode;
        }
        catch (ConfigurationException ex)
        {
            stderr.WriteLine($"lineagent{verb}: {ex.Message}");
            return ConfigurationException.ExitCode;
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

    /// <summary>The root: the verbs, help, completion, --version; plain `lineagent` prints the list and exits 2.</summary>
    internal static RootCommand Root(IReadOnlyList<ICommand> commands)
    {
        var root = new RootCommand("LineAgent: a Mac as one iMessage sender line (gRPC API over Messages.app and chat.db).");
        foreach (var command in commands)
            root.Subcommands.Add(command.Build());
        root.Subcommands.Add(HelpVerb(root));
        root.Subcommands.Add(Completion.Verb());
        foreach (var option in root.Options)
        {
            if (option is HelpOption help && help.Action is HelpAction standard)
                help.Action = new DetailedHelpAction(standard);
            if (option is VersionOption version)
                version.Action = new VersionAction(); // this assembly's, also when hosted (tests, dotnet lineagent.dll)
        }
        root.SetAction(parse =>
        {
            PrintHelp(root, [], parse.InvocationConfiguration.Output);
            return 2;
        });
        return root;
    }

    /// <summary>`lineagent help [VERB [SUBVERB]]`: 0 with the help, 2 for a command that does not exist.</summary>
    private static Verb HelpVerb(RootCommand root)
    {
        var names = new Argument<string[]>("command") { Description = "the command to explain", Arity = ArgumentArity.ZeroOrMore };
        var verb = new Verb("help", "Show the commands, or one command's options and examples") { names };
        verb.SetAction(parse =>
        {
            var path = parse.GetValue(names) ?? [];
            Command current = root;
            foreach (var name in path)
            {
                if (current.Subcommands.FirstOrDefault(c => c.Name == name) is not { } next)
                {
                    parse.InvocationConfiguration.Error.WriteLine(
                        $"lineagent help: unknown command '{string.Join(' ', path)}'. Commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}");
                    return 2;
                }
                current = next;
            }
            PrintHelp(root, path, parse.InvocationConfiguration.Output);
            return 0;
        });
        return verb;
    }

    private static void PrintHelp(RootCommand root, string[] path, TextWriter output) =>
        root.Parse([.. path, "--help"]).Invoke(new InvocationConfiguration { Output = output });

    /// <summary>" doctor" or " sandbox inbound" for messages (empty at the root).</summary>
    private static string VerbPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result?.Parent is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return names.Count == 0 ? "" : " " + string.Join(' ', names);
    }

    /// <summary>lineagent's informational version, e.g. "0.1.0+f154b5e…" (the commit it was built from).</summary>
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var assembly = typeof(CommandLine).Assembly;
            parseResult.InvocationConfiguration.Output.WriteLine(
                assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString());
            return 0;
        }
    }

    /// <summary>The standard help, then the verb's <see cref="Verb.Details"/>.</summary>
    private sealed class DetailedHelpAction(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            standard.Invoke(parseResult);
            if (parseResult.CommandResult.Command is Verb { Details: { } details })
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(details.TrimEnd());
                output.WriteLine();
            }
            return 0;
        }
    }
}
