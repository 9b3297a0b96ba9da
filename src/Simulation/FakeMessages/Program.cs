using LineAgent.FakeChatDb;
using LineAgent.FakeMessages;

// fake-messages: the Messages.app simulator. Invoked exactly as osascript would be:
//   fake-messages <script path> <args…>          runs one scripts/applescript action against the chat.db
//   fake-messages inbound --from <handle> --text <text> [--chat <guid>] [--service iMessage|SMS]
//   fake-messages seed --contact <handle>         creates the sandbox's seeded chat.db and simulator config
//   fake-messages ax-serve --socket <path> [--macos 13|14|15|26] [--locale en|de|fr]
//                                                  serves the simulated Messages UI (accessibility tree) until stdin closes
//   fake-messages __timeline …                     (internal) delayed sent/delivered/read updates
// The chat.db comes from $LINEAGENT_SIM_CHAT_DB or the config's chatDb; the config from $LINEAGENT_SIM_CONFIG
// or <chat.db>.sim.json. Failures are printed the way osascript prints them and exit with status 1.

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: fake-messages <script.applescript> [args…] | inbound --from <handle> --text <text> [--chat <guid>] | seed --contact <handle> | ax-serve --socket <path>");
    return 2;
}

try
{
    if (args[0] == "__timeline")
    {
        var (db, timeline) = Timeline.FromArgs(args);
        try
        {
            using var chatDb = FakeChatDatabase.Open(db);
            timeline.Run(chatDb, sleep: true);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException or FileNotFoundException)
        {
            // The test that owned this chat.db is gone; nothing left to update.
        }
        return 0;
    }

    var (chatDbPath, configPath) = Locate();
    if (args[0] == "inbound")
        return Inbound.Run(chatDbPath, configPath, args[1..]);
    if (args[0] == "seed")
        return SandboxSeed.Run(chatDbPath, configPath, args[1..]);
    if (args[0] == "ax-serve")
        return await LineAgent.FakeMessages.Ax.AxServe.RunAsync(chatDbPath, configPath, args[1..]);

    var scriptPath = args[0];
    if (!File.Exists(scriptPath))
    {
        // osascript's own message for a missing script file.
        Console.Error.WriteLine($"osascript: {scriptPath}: No such file or directory");
        return 1;
    }
    var script = Path.GetFileNameWithoutExtension(scriptPath);
    var output = new Simulator(chatDbPath, configPath).Run(script, args[1..]);
    Console.Out.WriteLine(output);
    return 0;
}
catch (OsaError error)
{
    Console.Error.WriteLine($"{Path.GetFileName(args[0])}: execution error: {error.Message} ({error.Number})");
    return 1;
}

static (string ChatDb, string Config) Locate()
{
    var configEnv = Environment.GetEnvironmentVariable("LINEAGENT_SIM_CONFIG");
    var chatDb = Environment.GetEnvironmentVariable("LINEAGENT_SIM_CHAT_DB");
    if (string.IsNullOrEmpty(chatDb) && !string.IsNullOrEmpty(configEnv))
        chatDb = SimConfig.Load(configEnv).ChatDb;
    if (string.IsNullOrEmpty(chatDb))
        throw new OsaError(-600, "Messages got an error: no simulated chat.db (set LINEAGENT_SIM_CHAT_DB or chatDb in LINEAGENT_SIM_CONFIG).");
    return (chatDb, string.IsNullOrEmpty(configEnv) ? SimConfig.PathFor(chatDb) : configEnv);
}
