using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Operations.Launchd;
using Microsoft.Extensions.Configuration;

using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Operations.Doctor;

/// <summary>A doctor context over a temp "home" with the probe scripts present and a fake runner.</summary>
internal static class DoctorContexts
{
    public static DoctorContext Create(TempDirectory home, FakeCommandRunner runner, bool isMacOS = true,
        Dictionary<string, string?>? settings = null, Uri? grpc = null, long? freeBytes = 100L << 30, string? token = null)
    {
        var scripts = Directory.CreateDirectory(home.Combine("scripts")).FullName;
        foreach (var name in new[] { "probe-accounts.applescript", "probe-accessibility.applescript" })
            File.WriteAllText(Path.Combine(scripts, name), "-- probe");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        return new DoctorContext
        {
            Runner = runner,
            IsMacOS = isMacOS,
            Configuration = configuration,
            ConfigurationProblem = LineAgent.Agent.Hosting.AgentHost.ConfigurationProblem(configuration),
            Uid = 501,
            UserName = "line",
            StateDirectory = home.Combine("state"),
            ChatDbPath = home.Combine("Library", "Messages", "chat.db"),
            StagingDirectory = home.Combine("Library", "Messages", "Attachments", "LineAgent"),
            ScriptsDirectory = scripts,
            LaunchAgent = new LaunchAgentLayout(home.Path, "com.lineagent.agent"),
            GrpcAddress = grpc ?? new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}"),
            GrpcToken = token,
            FreeBytes = _ => freeBytes,
            ProcessPath = "/Applications/Utilities/Terminal.app",
        };
    }

    public static string Script(DoctorContext context, string name) => Path.Combine(context.ScriptsDirectory, name);
}
