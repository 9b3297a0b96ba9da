using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Observability;
using LineAgent.Agent.Operations;

namespace LineAgent.Agent.Cli.Commands;

/// <summary>`lineagent init`: creates the state directory, its config.json and the gRPC bearer token file.</summary>
public sealed class InitCommand(OperatorContext? context = null) : ICommand
{
    private readonly OperatorContext _context = context ?? OperatorContext.Default();

    public Verb Build()
    {
        var stateDir = new Option<string>("--state-dir") { Description = "the state directory to create (Agent:StateDirectory)", HelpName = "DIR" };
        var chatDb = new Option<string>("--chat-db") { Description = "Messages' database to write into config.json (default ~/Library/Messages/chat.db)", HelpName = "PATH" };
        var force = new Option<bool>("--force") { Description = "replace an existing config.json" };
        var rotate = new Option<bool>("--rotate-token") { Description = "replace an existing token (clients holding the old one are locked out)" };
        var show = new Option<bool>("--show-token") { Description = "print the token (it is a credential: only on request)" };
        var verb = new Verb("init", "Create the state directory, config.json and a random gRPC token (both 0600)")
        {
            Details = """
                Creates DIR (default: ~/Library/Application Support/LineAgent, mode 0700) with
                  config.json   the machine's settings layer (mode 0600)
                  grpc.token    the bearer token the central API presents (mode 0600)
                An existing config.json is kept unless --force. An existing token is kept unless --rotate-token.

                Examples:
                  lineagent init
                  lineagent init --state-dir /Users/line/LineAgent --show-token
                """,
        };
        verb.Options.Add(stateDir);
        verb.Options.Add(chatDb);
        verb.Options.Add(force);
        verb.Options.Add(rotate);
        verb.Options.Add(show);
        verb.SetAction(parse => Run(parse.GetValue(stateDir), parse.GetValue(chatDb), parse.GetValue(force), parse.GetValue(rotate), parse.GetValue(show)));
        return verb;
    }

    private int Run(string? stateDir, string? chatDbPath, bool force, bool rotateToken, bool showToken)
    {
        // Not the full stack: config.json is what init writes, so a broken one must not stop `init --force`.
        var stateDirectory = AgentConfiguration.StateDirectory(stateDir is null ? [] : ["--state-dir", stateDir], _context.ConfigurationSources);
        var chatDb = AgentPaths.FullPath(chatDbPath ?? AgentPaths.DefaultChatDbPath(), "--chat-db");
        var output = _context.Out;

        PrivateFile.CreatePrivateDirectory(stateDirectory);
        output.WriteLine($"state directory: {stateDirectory}");

        var configPath = StateDirectoryFiles.ConfigFile(stateDirectory);
        if (File.Exists(configPath) && !force)
        {
            output.WriteLine($"kept {configPath} (exists; --force replaces it)");
        }
        else
        {
            PrivateFile.WriteAllText(configPath, InitialConfig(chatDb));
            output.WriteLine($"wrote {configPath}");
        }

        var tokenPath = StateDirectoryFiles.TokenFile(stateDirectory);
        if (File.Exists(tokenPath) && !rotateToken)
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tokenPath, PrivateFile.Mode);
            output.WriteLine($"kept {tokenPath} (exists; --rotate-token replaces it)");
        }
        else
        {
            PrivateFile.WriteAllText(tokenPath, NewToken() + "\n");
            output.WriteLine($"wrote {tokenPath}");
        }

        // The token is a credential for an Apple ID's messages: print it only on request, never into logs.
        if (showToken)
            output.WriteLine($"token: {File.ReadAllText(tokenPath).Trim()}");
        else
            output.WriteLine("token not shown: run again with --show-token, or copy the file to the central API");
        // install needs macOS's launchd; elsewhere the agent runs in the foreground.
        output.WriteLine(_context.IsMacOS ? "next: lineagent doctor, then lineagent install" : "next: lineagent doctor, then lineagent run");
        return 0;
    }

    /// <summary>32 random bytes, URL-safe base64 without padding (43 characters).</summary>
    internal static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string InitialConfig(string chatDb)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject(AgentOptions.Section);
            json.WriteString(nameof(AgentOptions.ChatDbPath), chatDb);
            json.WriteEndObject();
            json.WriteStartObject(ObservabilityOptions.Section);
            json.WriteBoolean(nameof(ObservabilityOptions.MetricsEnabled), false);
            json.WriteNumber(nameof(ObservabilityOptions.MetricsPort), new ObservabilityOptions().MetricsPort);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
