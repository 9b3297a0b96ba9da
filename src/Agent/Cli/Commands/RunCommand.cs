using LineAgent.Agent.Configuration;
using LineAgent.Agent.Grpc.Auth;
using LineAgent.Agent.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent run`: runs the agent in the foreground (what the LaunchAgent starts) until stopped.</summary>
public sealed class RunCommand(TextWriter? stderr = null) : ICommand
{
    private readonly TextWriter _stderr = stderr ?? Console.Error;

    /// <summary>Exit code for configuration that cannot work (sysexits EX_CONFIG).</summary>
    public const int ConfigurationError = ConfigurationException.ExitCode;

    public Verb Build()
    {
        var verb = new Verb("run", "Run the agent (gRPC API, change feed, sending) in the foreground")
        {
            Details = """
                Serves the gRPC API (lineagent.v1.LineAgent, grpc.health.v1, server reflection) over HTTP/2 on
                127.0.0.1:50551 by default, and runs until SIGINT/SIGTERM. Configuration, later winning:
                appsettings.json beside the executable, <state dir>/config.json, LINEAGENT__Section__Key environment
                variables, then these options. Any key can be set as --Section:Key VALUE (e.g. --Grpc:Port 0); an
                unknown key is refused with the nearest spelling.
                Callers need "authorization: Bearer <token>"; the token is read from $LINEAGENT_GRPC_TOKEN or the
                token file (<state dir>/grpc.token, mode 0600, created on first run).
                A non-loopback --listen address requires TLS (--Grpc:TlsCertificatePath, --Grpc:TlsKeyPath).
                Exit codes: 0 stopped, 2 bad arguments, 78 configuration refused (the reason is printed once).

                Examples:
                  lineagent run
                  lineagent run --port 50552 --state-dir ~/lineagent-test
                  lineagent run --listen 0.0.0.0 --Grpc:TlsCertificatePath cert.pem --Grpc:TlsKeyPath key.pem
                """,
        };
        var configuration = ConfigurationOptions.AddTo(verb, "--state-dir", "--chat-db", "--listen", "--port", "--token-file");
        verb.SetAction((parse, cancellationToken) => RunAsync(configuration.Arguments(parse), cancellationToken));
        return verb;
    }

    private async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = AgentHost.Build(args);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
        catch (Exception ex) when (Describe(ex) is { } reason)
        {
            // Some options are validated while the host is built (Kestrel's endpoint needs them).
            _stderr.WriteLine($"lineagent run: {reason}");
            return ConfigurationError;
        }

        await using (app)
        {
            // Validate before starting: a refused value is then one line, never the host's "failed to start" trace.
            if (AgentHost.ConfigurationProblem(app.Services) is { } problem)
            {
                _stderr.WriteLine($"lineagent run: {problem}");
                return ConfigurationError;
            }
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (Describe(ex) is { } reason)
            {
                _stderr.WriteLine($"lineagent run: {reason}");
                return ConfigurationError;
            }
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
    }

    /// <summary>One operator-facing line for a start-up refusal, or null for unexpected failures (which propagate).</summary>
    public static string? Describe(Exception ex) => ex switch
    {
        ApiTokenException token => token.Message,
        ConfigurationFileException file => file.Message,
        IOException io when io.InnerException is System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.AddressInUseException or null
                           && io.Message.Contains("address", StringComparison.OrdinalIgnoreCase)
            => $"cannot listen: {io.Message}",
        _ => ConfigurationValidation.Describe(ex),
    };
}
