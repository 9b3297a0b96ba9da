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
                  lineagent sandbox inbound --from {SandboxEnvironment.SeedContact} --text "Thanks, got it"
                """,
        };
        verb.Options.Add(port);
        var configuration = ConfigurationOptions.AddTo(verb, []);
        verb.SetAction((parse, cancellationToken) => ServeAsync(parse.GetValue(port), configuration.Arguments(parse), cancellationToken));
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
        var text = new Option<string>("--text") { Description = "the message text", HelpName = "TEXT", Required = true };
        var chat = new Option<string>("--chat") { Description = "the chat it arrives in (default: the 1:1 chat with --from)", HelpName = "GUID" };
        var service = new Option<string>("--service") { Description = "iMessage (default) or SMS", HelpName = "SERVICE", DefaultValueFactory = _ => "iMessage" };
        service.AcceptOnlyFromAmong("iMessage", "SMS");
        var verb = new Verb("inbound", "Write a received message into the running sandbox's chat.db, as Messages would")
        {
            Details = $"""
                The agent reports it as message.received. Each running sandbox records itself in
                {SandboxRegistry.RecordsIn(SandboxRegistry.DefaultRoot)}; with one running it is used, with several
                --sandbox PID picks one (the pid is in its banner). Exit 1 when none (or not that one) is running.
                """,
        };
        foreach (var option in new Option[] { from, text, chat, service, sandboxPid })
            verb.Options.Add(option);
        verb.SetAction(parse => Inbound(parse.GetValue(from)!, parse.GetValue(text)!, parse.GetValue(chat), parse.GetValue(service)!,
            parse.GetResult(sandboxPid) is null ? null : parse.GetValue(sandboxPid)));
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

    private int Inbound(string from, string text, string? chatGuid, string service, int? sandboxPid)
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
        string[] inbound = ["inbound", "--describe", "--from", from, "--text", text, "--service", service];
        if (chatGuid is not null)
            inbound = [.. inbound, "--chat", chatGuid];
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
