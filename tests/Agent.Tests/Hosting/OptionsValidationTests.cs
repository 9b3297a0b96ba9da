using LineAgent.Agent.Configuration;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Hosting;

/// <summary>Every section the host binds is validated the same way: a bad value stops the start naming its full key.</summary>
public sealed class OptionsValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("Journal:PruneBatchSize", "5")]
    [InlineData("ChangeFeed:BatchSize", "0")]
    [InlineData("Outbox:MaxQueuedSends", "0")]
    [InlineData("Pacing:MessagesPerSecond", "-1")]
    [InlineData("MessagesDriver:LaunchSettleDelay", "1.00:00:00")]
    [InlineData("Grpc:MaxEventStreams", "0")]
    [InlineData("Observability:MetricsPort", "70000")]
    public async Task Start_WithAValueOutOfRange_FailsNamingTheFullKey(string key, string value)
    {
        AgentTestServer.WriteToken(_dir);
        // Some sections are read while the host is built (Kestrel's endpoints), the rest when it starts.
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = AgentHost.Build(AgentTestServer.Arguments(_dir, "--" + key, value));
            await app.StartAsync();
        });

        var described = ConfigurationValidation.Describe(ex);
        Assert.NotNull(described);
        Assert.Contains(key + ": ", described);
    }
}
