using LineAgent.Agent.Operations.Doctor;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Tests.Operations.Doctor;

public class DoctorContextTests
{
    [Fact]
    public void Create_StagingDirectory_IsReadFromTheKeyTheOutboxUses()
    {
        // doctor must check the folder the agent stages into (Outbox:StagingDirectory), not a key nothing reads.
        using var home = new TempDirectory();
        var staging = home.Combine("custom-staging");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Outbox:StagingDirectory"] = staging })
            .Build();

        var context = DoctorContext.Create(OperatorContexts.Create(home, new FakeCommandRunner()), configuration, "com.lineagent.agent", _ => null);

        Assert.Equal(Path.GetFullPath(staging), context.StagingDirectory);
    }
}
