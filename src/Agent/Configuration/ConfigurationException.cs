namespace LineAgent.Agent.Configuration;

/// <summary>
/// Configuration the agent cannot use (a refused value, an unknown key, a file that is not JSON). The CLI prints the
/// message once, without a stack trace, and exits 78 (sysexits EX_CONFIG).
/// </summary>
public class ConfigurationException : Exception
{
    /// <summary>Exit code for configuration that cannot work (sysexits EX_CONFIG).</summary>
    public const int ExitCode = 78;

    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception inner) : base(message, inner) { }
}
