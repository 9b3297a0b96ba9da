namespace LineAgent.Agent.Line.Certification;

/// <summary>
/// The key a certification is kept under: the macOS version and the agent's version, because a macOS update can change
/// Messages' accessibility tree and an agent update the navigator — either one makes the proof stale. Off macOS (the
/// sandbox, the tests) the Messages being proven is the simulator, and the key says so.
/// </summary>
public static class CertificationBuild
{
    public static string Of(string? macOsVersion, string agentVersion) =>
        macOsVersion is { Length: > 0 } macOs
            ? $"macOS {macOs} · agent {agentVersion}"
            : $"simulated Messages on {(OperatingSystem.IsMacOS() ? "macOS" : OperatingSystem.IsLinux() ? "Linux" : "this OS")} · agent {agentVersion}";

    public static string Of(LineStatus status) => Of(status.MacOsVersion, status.AgentVersion);

    /// <summary>This process's build (what GetLine reports as macos_version and agent_version).</summary>
    public static string Current { get; } = Of(HostMacOsVersion, AgentVersion.Current);

    /// <summary>The macOS version this agent runs on, e.g. "15.3.1"; null off macOS.</summary>
    public static string? HostMacOsVersion => OperatingSystem.IsMacOS() ? Environment.OSVersion.Version.ToString() : null;
}
