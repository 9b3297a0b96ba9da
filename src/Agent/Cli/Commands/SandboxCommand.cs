using System.CommandLine;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>
/// `lineagent sandbox`: the real agent host against the fake-messages simulator and a fresh, seeded fake chat.db in a
/// temporary directory, for trying the API without a Mac. `lineagent sandbox inbound` writes a received message
/// into a running sandbox's chat.db (found through <see cref="SandboxRegistry"/>).
/// </summary>
/// <param name="stateRoot">Where current.json and the sandbox directories live. Default <see cref="SandboxRegistry.DefaultRoot"/>.</param>
public sealed class SandboxCommand(TextWriter? stdout = null, TextWriter? stderr = null, string? stateRoot = null) : ICommand
{
    /// <summary>Default port: grpcurl's and most examples' 50051, apart from `lineagent run`'s 50551 so both can run.</summary>
    public const int DefaultPort = 50051;

    private readonly TextWriter _stdout = stdout ?? Console.Out;
    private readonly TextWriter _stderr = stderr ?? Console.Error;
    private readonly string _root = stateRoot ?? SandboxRegistry.DefaultRoot;

    public Verb Build()
    {
        var port = CliOptions.Number("--port", $"port to serve on (default {DefaultPort}; 0 picks a free one)", 0, 65535, DefaultPort);
        var verb = new Verb("sandbox", "Run the real agent against a simulated Messages.app and fake chat.db (developers)")
        {
            Details = $"""
                Starts the agent (the same host as `lineagent run`) on 127.0.0.1:{DefaultPort} with osascript replaced by the
                fake-messages simulator and a fresh fake chat.db (two seeded chats) in a temporary directory, prints a
                generated token and grpcurl / buf curl commands, and runs until Ctrl-C, then deletes the directory.
                Works on Linux and macOS; it never touches the real Messages.app or ~/Library/Messages.
                {ConfigurationOptions.KeysHelp}
                Exit codes: 0 stopped, 1 cannot start, 2 bad arguments.

                Examples:
                  lineagent sandbox
                  lineagent sandbox --port 50052 --Pacing:Enabled false
                  lineagent sandbox --gateway http://127.0.0.1:7443
                  lineagent sandbox inbound --from {SandboxEnvironment.SeedContact} --text "Thanks, got it"
                """,
        };
        var gateway = new Option<string>("--gateway")
        {
            Description = "also dial out to a LineGateway at URL (http:// only to a loopback gateway; token from $LINEAGENT_GATEWAY_TOKEN or --Gateway:TokenFile FILE)",
            HelpName = "URL",
        };
        verb.Options.Add(port);
        verb.Options.Add(gateway);
        var configuration = ConfigurationOptions.AddTo(verb, []);
        verb.SetAction((parse, cancellationToken) =>
        {
            string[] extra = parse.GetValue(gateway) is { } url ? ["--Gateway:Url", url, .. configuration.Arguments(parse)] : configuration.Arguments(parse);
            return ServeAsync(parse.GetValue(port), extra, cancellationToken);
        });
        verb.Subcommands.Add(InboundVerb());
        return verb;
    }

    private Verb InboundVerb()
    {
        var from = new Option<string>("--from") { Description = "the sender's handle (+E.164 phone number or email)", HelpName = "HANDLE", Required = true };
        // The same rule as the API's: a handle the agent would refuse to send to cannot be a sender here either.
        from.Validators.Add(result =>
        {
            try
            {
                Grpc.Validation.Fields.Handle(result.GetValueOrDefault<string>(), "--from");
            }
            catch (Grpc.Errors.InvalidFieldException ex)
            {
                result.AddError(ex.Message);
            }
        });
        var sandboxPid = CliOptions.Number("--sandbox", "the sandbox to write into, by process id (needed when several run)", 1, int.MaxValue, helpName: "PID");
        var text = new Option<string>("--text") { Description = "the message text (with --file: its caption)", HelpName = "TEXT" };
        var file = new Option<string>("--file") { Description = "a file they send (an attachment, with attachment.ready once it is on disk)", HelpName = "PATH" };
        var react = new Option<string>("--react") { Description = "a tapback they leave on --message", HelpName = "REACTION" };
        react.AcceptOnlyFromAmong("love", "like", "dislike", "laugh", "emphasize", "question");
        var message = new Option<string>("--message") { Description = "the message their tapback is on (its GUID)", HelpName = "GUID" };
        var remove = new Option<bool>("--remove") { Description = "with --react: take the tapback back" };
        var chat = new Option<string>("--chat") { Description = "the chat it arrives in (default: the 1:1 chat with --from)", HelpName = "GUID" };
        var service = new Option<string>("--service") { Description = "iMessage (default) or SMS", HelpName = "SERVICE", DefaultValueFactory = _ => "iMessage" };
        service.AcceptOnlyFromAmong("iMessage", "SMS");
        var verb = new Verb("inbound", "Write what the other side sends (text, file, tapback) into a running sandbox's chat.db")
        {
            Details = $"""
                The agent reports it as message.received. Each running sandbox records itself in
                {SandboxRegistry.RecordsIn(SandboxRegistry.DefaultRoot)}; with one running it is used, with several
                --sandbox PID picks one (the pid is in its banner). Exit 1 when none (or not that one) is running.
                """,
        };
        foreach (var option in new Option[] { from, text, file, react, message, remove, chat, service, sandboxPid })
            verb.Options.Add(option);
        verb.Validators.Add(result =>
        {
            bool Has(Option o) => result.GetResult(o) is not null;
            if (!Has(text) && !Has(file) && !Has(react))
                result.AddError("give what they send: --text TEXT, --file PATH or --react REACTION --message GUID");
            else if (Has(react) != Has(message))
                result.AddError("--react and --message go together (the tapback and the message it is on)");
            else if (Has(react) && (Has(text) || Has(file)))
                result.AddError("a tapback is a message of its own: --react without --text or --file");
        });
        verb.SetAction(parse =>
        {
            var args = new List<string> { "--from", parse.GetValue(from)!, "--service", parse.GetValue(service)! };
            if (parse.GetValue(text) is { } body) args.AddRange(["--text", body]);
            if (parse.GetValue(file) is { } path)
            {
                var full = Path.GetFullPath(path);
                if (!File.Exists(full))
                    throw new UsageException($"--file {path}: no such file");
                args.AddRange(["--file", full]);
            }
            if (parse.GetValue(react) is { } kind) args.AddRange(["--react", kind, "--message", parse.GetValue(message)!]);
            if (parse.GetValue(remove)) args.Add("--remove");
            if (parse.GetValue(chat) is { } chatGuid) args.AddRange(["--chat", chatGuid]);
            return Inbound(args, parse.GetResult(sandboxPid) is null ? null : parse.GetValue(sandboxPid));
        });
        return verb;
    }

    private async Task<int> ServeAsync(int port, string[] extra, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            _stderr.WriteLine("lineagent sandbox: runs on Linux and macOS only (the simulator is a Unix executable).");
            return 1;
        }
        if (SandboxSimulator.Missing() is { } missing)
        {
            _stderr.WriteLine($"lineagent sandbox: {missing}");
            return 1;
        }

        using var sandbox = SandboxEnvironment.Create(_root);
        WebApplication app;
        try
        {
            app = AgentHost.Build([.. sandbox.HostArguments(port), .. extra]);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (Exception ex) when (RunCommand.Describe(ex) is { } reason)
        {
            _stderr.WriteLine($"lineagent sandbox: {reason}");
            return 1;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (RunCommand.Describe(ex) is { } reason)
            {
                _stderr.WriteLine($"lineagent sandbox: {reason}");
                if (ex is IOException)
                    _stderr.WriteLine("Another sandbox or agent may be using the port: stop it, or pick one with --port N (0 = any free port).");
                return 1;
            }

            var address = AgentHost.ListeningAddress(app);
            SandboxRegistry.Write(_root, new SandboxState(Environment.ProcessId, sandbox.Directory, sandbox.ChatDbPath, address));
            try
            {
                _stdout.WriteLine(SandboxBanner.Render(address, sandbox.Token, sandbox.Directory, Environment.ProcessId,
                    Path.Combine(sandbox.StateDirectory, "grpc.token")));
                _stdout.Flush();
                await app.WaitForShutdownAsync(cancellationToken);
            }
            finally
            {
                SandboxRegistry.Remove(_root, Environment.ProcessId, sandbox.Directory);
                await app.StopAsync(CancellationToken.None);
            }
        }
        _stdout.WriteLine("lineagent sandbox: stopped, directory removed.");
        return 0;
    }

    private int Inbound(List<string> args, int? sandboxPid)
    {
        var state = SandboxRegistry.Find(_root, sandboxPid, out var reason);
        if (state is null)
        {
            _stderr.WriteLine($"lineagent sandbox inbound: {reason}");
            return 1;
        }

        if (SandboxSimulator.Missing() is { } missing)
        {
            _stderr.WriteLine($"lineagent sandbox inbound: {missing}");
            return 1;
        }

        // The simulator plays the remote party: it writes the received row the way Messages would.
        string[] inbound = ["inbound", "--describe", "--attachments-dir", Path.Combine(state.Directory, "attachments"), .. args];
        var result = SandboxSimulator.Run(state.ChatDbPath, inbound);
        if (result.ExitCode != 0)
        {
            _stderr.WriteLine($"lineagent sandbox inbound: {result.Stderr}");
            return 1;
        }
        _stdout.WriteLine(result.Stdout);
        return 0;
    }
}
