using LineAgent.Agent.Operations;
using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Operations;

/// <summary>An <see cref="OperatorContext"/> over a temp home, string writers and a fake runner.</summary>
internal static class OperatorContexts
{
    public static OperatorContext Create(TempDirectory home, FakeCommandRunner runner, bool isMacOS = true,
        string executable = "/Applications/LineAgent.app/Contents/MacOS/lineagent", Dictionary<string, string?>? environment = null) =>
        new(new StringWriter(), new StringWriter(), runner, home.Path, 501, isMacOS, executable,
            environment ?? new Dictionary<string, string?>(), BaseDirectory: home.Combine("app"));

    public static string Out(this OperatorContext context) => context.Out.ToString()!;
    public static string Err(this OperatorContext context) => context.Error.ToString()!;
}
