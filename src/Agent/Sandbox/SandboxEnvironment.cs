using System.Security.Cryptography;
using LineAgent.Agent.Configuration;

namespace LineAgent.Agent.Sandbox;

/// <summary>
/// One sandbox's throw-away world in a fresh directory: a realistic fake chat.db seeded with two chats and the
/// fake-messages simulator's config (both written by <see cref="SandboxSimulator"/>), the simulated Messages UI
/// (fake-messages ax-serve, on a socket in the directory), a generated API token, and the agent arguments that point
/// the real host at all of it (osascript swapped for fake-messages, the accessibility driver pointed at the socket). <see cref="Dispose"/> deletes the directory.
/// </summary>
public sealed class SandboxEnvironment : IDisposable
{
    /// <summary>The remote party of the seeded 1:1 chat (also the README's `sandbox inbound --from`).</summary>
    public const string SeedContact = "+15555550123";

    private System.Diagnostics.Process? _axServe;

    private SandboxEnvironment(string directory, string token)
    {
        Directory = directory;
        Token = token;
    }

    /// <summary>The sandbox's private directory (0700).</summary>
    public string Directory { get; }

    /// <summary>The bearer token clients present (also in &lt;state&gt;/grpc.token, mode 0600).</summary>
    public string Token { get; }

    public string ChatDbPath => Path.Combine(Directory, "chat.db");

    /// <summary>The simulated Messages UI's socket (fake-messages ax-serve), which the agent's accessibility driver drives.</summary>
    public string AccessibilitySocket => Path.Combine(Directory, "ax.sock");
    public string StateDirectory => Path.Combine(Directory, "state");

    /// <summary>Creates the directory under <paramref name="root"/>, the seeded chat.db, the simulator config and the token.</summary>
    public static SandboxEnvironment Create(string root)
    {
        PrivateFile.CreatePrivateDirectory(root);
        var directory = Path.Combine(root, $"run-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        PrivateFile.CreatePrivateDirectory(directory);
        var sandbox = new SandboxEnvironment(directory, RandomNumberGenerator.GetHexString(40, lowercase: true));
        try
        {
            // The simulator writes the seeded chats and its own config (receipt delays) beside the chat.db.
            var seeded = SandboxSimulator.Run(sandbox.ChatDbPath, "seed", "--contact", SeedContact);
            if (seeded.ExitCode != 0)
                throw new InvalidOperationException($"the simulator could not seed {sandbox.ChatDbPath}: {seeded.Stderr}");
            PrivateFile.WriteAllText(Path.Combine(sandbox.StateDirectory, "grpc.token"), sandbox.Token + "\n");
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "attachments"));
            sandbox._axServe = SandboxSimulator.StartAxServe(sandbox.ChatDbPath, sandbox.AccessibilitySocket);
            return sandbox;
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>The `lineagent run` arguments for this sandbox, listening on 127.0.0.1:<paramref name="port"/>.</summary>
    public string[] HostArguments(int port) =>
    [
        "--state-dir", StateDirectory,
        "--chat-db", ChatDbPath,
        "--listen", "127.0.0.1",
        "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The token file is the one printed; an operator's $LINEAGENT_GRPC_TOKEN must not silently replace it.
        "--Grpc:TokenEnvironmentVariable", "LINEAGENT_SANDBOX_GRPC_TOKEN",
        "--Grpc:TokenFile", Path.Combine(StateDirectory, "grpc.token"),
        "--Attachments:ReceivedRoot", Path.Combine(Directory, "attachments"),
        "--Outbox:StagingDirectory", Path.Combine(Directory, "staging"),
        "--MessagesDriver:OsascriptPath", SandboxSimulator.Path,
        "--MessagesDriver:Environment:LINEAGENT_SIM_CHAT_DB", ChatDbPath,
        "--MessagesDriver:LaunchSettleDelay", "00:00:00",
        "--MessagesDriver:AccessibilitySocket", AccessibilitySocket,
    ];

    public void Dispose()
    {
        if (_axServe is { } axServe)
        {
            _axServe = null;
            SandboxSimulator.Stop(axServe);
        }
        // Simulator children (delayed receipts) may still hold the database; they give up quietly once it is gone.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (System.IO.Directory.Exists(Directory))
                    System.IO.Directory.Delete(Directory, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100);
            }
        }
    }
}
