using LineAgent.Agent.Hosting;
using LineAgent.Agent.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>
/// `lineagent sandbox`: the real agent host against the fake-messages simulator and a fresh, seeded fake chat.db in a
/// temporary directory, for trying the API without a Mac. `lineagent sandbox inbound` writes a received message
/// into the running sandbox's chat.db (found through <see cref="SandboxStateFile"/>).
/// </summary>
/// <param name="stateRoot">Where current.json and the sandbox directories live. Default <see cref="SandboxStateFile.DefaultRoot"/>.</param>
public sealed class SandboxCommand(TextWriter? stdout = null, TextWriter? stderr = null, string? stateRoot = null) : ICommand
{
    /// <summary>Default port: grpcurl's and most examples' 50051, apart from `lineagent run`'s 50551 so both can run.</summary>
    public const int DefaultPort = 50051;

    private readonly TextWriter _stdout = stdout ?? Console.Out;
    private readonly TextWriter _stderr = stderr ?? Console.Error;
    private readonly string _root = stateRoot ?? SandboxStateFile.DefaultRoot;

    public string Name => "sandbox";
    public string Summary => "Run the real agent against a simulated Messages.app and fake chat.db (developers)";
    public string Usage => $"""
        usage: lineagent sandbox [--port N] [--gateway URL] [--Section:Key VALUE …]
               lineagent sandbox inbound --from HANDLE --text TEXT [--chat GUID] [--service iMessage|SMS]

        Starts the agent (the same host as `lineagent run`) on 127.0.0.1:{DefaultPort} with osascript replaced by the
        fake-messages simulator and a fresh fake chat.db (two seeded chats) in a temporary directory, prints a
        generated token and grpcurl / buf curl commands, and runs until Ctrl-C, then deletes the directory.
        Works on Linux and macOS; it never touches the real Messages.app or ~/Library/Messages.
        --port 0 picks a free port. --gateway URL also dials out to a LineGateway (lineagent.v1.LineGateway/Connect; http://
        only to a loopback gateway; the token comes from $LINEAGENT_GATEWAY_TOKEN or --Gateway:TokenFile FILE).
        Any agent key can be set as --Section:Key VALUE (e.g. --Pacing:Enabled false).

        `inbound` makes a remote party write to the running sandbox's chat.db (a received message, as Messages
        would record it); the agent reports it as message.received. The running sandbox is found through
        {SandboxStateFile.PathIn(SandboxStateFile.DefaultRoot)}.
        Exit codes: 0 stopped, 1 no sandbox running / cannot start, 2 bad arguments.

        examples:
          lineagent sandbox
          lineagent sandbox --port 50052
          lineagent sandbox --gateway http://127.0.0.1:7443
          lineagent sandbox inbound --from {SandboxEnvironment.SeedContact} --text "Thanks, got it"
        """;

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        args.Length > 0 && args[0] == "inbound" ? Task.FromResult(Inbound(args[1..])) : ServeAsync(args, cancellationToken);

    private async Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        var (port, extra) = ParseServeArguments(args);
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
            SandboxStateFile.Write(_root, new SandboxState(Environment.ProcessId, sandbox.Directory, sandbox.ChatDbPath, address));
            try
            {
                _stdout.WriteLine(SandboxBanner.Render(address, sandbox.Token, sandbox.Directory));
                _stdout.Flush();
                await app.WaitForShutdownAsync(cancellationToken);
            }
            finally
            {
                SandboxStateFile.RemoveIfOurs(_root, Environment.ProcessId, sandbox.Directory);
                await app.StopAsync(CancellationToken.None);
            }
        }
        _stdout.WriteLine("lineagent sandbox: stopped, directory removed.");
        return 0;
    }

    /// <summary>--port, --gateway, plus --Section:Key pairs passed to the host (a typo must not be silently ignored).</summary>
    private static (int Port, string[] Extra) ParseServeArguments(string[] args)
    {
        var port = DefaultPort;
        var extra = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{arg}'");
            if (name is not ("--port" or "--gateway") && !name.Contains(':'))
                throw new UsageException($"unknown option {name}");
            string value;
            if (eq > 0) value = arg[(eq + 1)..];
            else if (i + 1 < args.Length) value = args[++i];
            else throw new UsageException($"{name} needs a value");
            if (name == "--port")
            {
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port > 65535)
                    throw new UsageException($"--port must be a whole number from 0 to 65535, not '{value}'");
            }
            else
            {
                extra.Add(name == "--gateway" ? "--Gateway:Url" : name);
                extra.Add(value);
            }
        }
        return (port, [.. extra]);
    }

    private int Inbound(string[] args)
    {
        var reader = new ArgumentReader(args, [], ["--from", "--text", "--chat", "--service"]);
        var from = reader.Value("--from");
        var text = reader.Value("--text");
        if (string.IsNullOrWhiteSpace(from) || text is null)
            throw new UsageException("inbound needs --from HANDLE and --text TEXT");
        var service = reader.Value("--service") ?? "iMessage";
        if (service is not ("iMessage" or "SMS"))
            throw new UsageException($"--service must be iMessage or SMS, not '{service}'");

        var state = SandboxStateFile.Read(_root, out var reason);
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
        if (reader.Value("--chat") is { } chatGuid)
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
