using System.Buffers.Text;
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

    public string Name => "init";
    public string Summary => "Create the state directory, config.json and a random gRPC token (both 0600)";
    public string Usage => """
        usage: lineagent init [--state-dir DIR] [--chat-db PATH] [--force] [--rotate-token] [--show-token]

        Creates DIR (default: ~/Library/Application Support/LineAgent, mode 0700) with
          config.json   the machine's settings layer (mode 0600)
          grpc.token    the bearer token the central API presents (mode 0600)
        An existing config.json is kept unless --force. An existing token is kept unless --rotate-token
        (clients holding the old one are locked out). The token is printed only with --show-token.

        examples:
          lineagent init
          lineagent init --state-dir /Users/line/LineAgent --show-token
        """;

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(args, ["--force", "--rotate-token", "--show-token"], ["--state-dir", "--chat-db"]);
        var configArgs = reader.Value("--state-dir") is { } dir ? new[] { "--state-dir", dir } : [];
        var stateDirectory = AgentConfiguration.StateDirectory(configArgs, _context.ConfigurationSources);
        var chatDb = Path.GetFullPath(AgentPaths.ExpandHome(reader.Value("--chat-db") ?? AgentPaths.DefaultChatDbPath()));
        var output = _context.Out;

        PrivateFile.CreatePrivateDirectory(stateDirectory);
        output.WriteLine($"state directory: {stateDirectory}");

        var configPath = StateDirectoryFiles.ConfigFile(stateDirectory);
        if (File.Exists(configPath) && !reader.Has("--force"))
        {
            output.WriteLine($"kept {configPath} (exists; --force replaces it)");
        }
        else
        {
            PrivateFile.WriteAllText(configPath, InitialConfig(chatDb));
            output.WriteLine($"wrote {configPath}");
        }

        var tokenPath = StateDirectoryFiles.TokenFile(stateDirectory);
        if (File.Exists(tokenPath) && !reader.Has("--rotate-token"))
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
        if (reader.Has("--show-token"))
            output.WriteLine($"token: {File.ReadAllText(tokenPath).Trim()}");
        else
            output.WriteLine("token not shown: run again with --show-token, or copy the file to the central API");
        output.WriteLine("next: lineagent doctor, then lineagent install");
        return Task.FromResult(0);
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
