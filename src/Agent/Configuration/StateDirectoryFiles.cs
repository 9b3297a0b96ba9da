namespace LineAgent.Agent.Configuration;

/// <summary>Files `lineagent init` creates in the state directory, both mode 0600.</summary>
public static class StateDirectoryFiles
{
    /// <summary>The bearer token file name. Its contents are the token itself (one line, URL-safe base64).</summary>
    public const string TokenFileName = "grpc.token";

    /// <summary>&lt;state directory&gt;/config.json (see <see cref="AgentConfiguration"/>).</summary>
    public static string ConfigFile(string stateDirectory) => AgentConfiguration.ConfigFilePath(stateDirectory);

    /// <summary>&lt;state directory&gt;/grpc.token: the gRPC bearer token clients must present (Grpc:TokenFile overrides it).</summary>
    public static string TokenFile(string stateDirectory) => Path.Combine(stateDirectory, TokenFileName);
}
