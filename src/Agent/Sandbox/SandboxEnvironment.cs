using System.Security.Cryptography;
using LineAgent.Agent.Operations;
using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;

namespace LineAgent.Agent.Sandbox;

/// <summary>
/// One sandbox's throw-away world in a fresh directory: a realistic fake chat.db seeded with two chats, the
/// fake-messages simulator's config, a generated API token, and the agent arguments that point the real host at
/// all of it (osascript swapped for fake-messages). <see cref="Dispose"/> deletes the directory.
/// </summary>
public sealed class SandboxEnvironment : IDisposable
{
    /// <summary>The simulator executable, copied next to `lineagent` by the Agent → FakeMessages project reference.</summary>
    public static string SimulatorPath => Path.Combine(AppContext.BaseDirectory, "fake-messages");

    /// <summary>The remote party of the seeded 1:1 chat (also the README's `sandbox inbound --from`).</summary>
    public const string SeedContact = "+15555550123";

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
    public string StateDirectory => Path.Combine(Directory, "state");
    public string SimConfigPath => SimConfig.PathFor(ChatDbPath);

    /// <summary>Creates the directory under <paramref name="root"/>, the seeded chat.db, the simulator config and the token.</summary>
    public static SandboxEnvironment Create(string root)
    {
        PrivateFile.CreatePrivateDirectory(root);
        var directory = Path.Combine(root, $"run-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        PrivateFile.CreatePrivateDirectory(directory);
        var sandbox = new SandboxEnvironment(directory, RandomNumberGenerator.GetHexString(40, lowercase: true));
        try
        {
            sandbox.Seed();
            // Delays make the receipts visible as separate events (sent, then delivered, then read) the way a
            // real recipient's device produces them; they are the simulator's, not the agent's.
            new SimConfig { SentDelayMs = 200, DeliveredDelayMs = 800, ReadDelayMs = 2500 }.Save(sandbox.SimConfigPath);
            PrivateFile.WriteAllText(Path.Combine(sandbox.StateDirectory, "grpc.token"), sandbox.Token + "\n");
            System.IO.Directory.CreateDirectory(Path.Combine(directory, "attachments"));
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
        "--MessagesDriver:OsascriptPath", SimulatorPath,
        "--MessagesDriver:Environment:LINEAGENT_SIM_CHAT_DB", ChatDbPath,
        "--MessagesDriver:LaunchSettleDelay", "00:00:00",
    ];

    /// <summary>A 1:1 conversation and a named group, as a line would have after a day of use.</summary>
    private void Seed()
    {
        using var db = FakeChatDatabase.Create(ChatDbPath, SchemaVariant.Sequoia);
        var now = DateTimeOffset.UtcNow;
        var direct = db.EnsureDirectChat(SeedContact);
        db.ReceiveText(direct, SeedContact, "Hi! Is this the line for appointment reminders?", date: now.AddMinutes(-30));
        var reply = db.SendText(direct, "Yes — you'll get a text the day before. Reply STOP to opt out.", date: now.AddMinutes(-29));
        db.MarkDelivered(reply, now.AddMinutes(-29));
        db.MarkRead(reply, now.AddMinutes(-28));

        var group = db.CreateGroupChat(["+15555550124", "+15555550125"], "Weekend plans");
        var pizza = db.ReceiveText(group, "+15555550124", "Pizza on Saturday?", date: now.AddMinutes(-10));
        db.InsertTapback(group, pizza, TapbackKind.Love, from: "+15555550125");
        db.ReceiveText(group, "+15555550125", "Only if it has pineapple 🍍", date: now.AddMinutes(-9));
        db.Checkpoint();
    }

    public void Dispose()
    {
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
