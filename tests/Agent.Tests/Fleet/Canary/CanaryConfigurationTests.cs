using LineAgent.Agent.Cli;
using LineAgent.Agent.Grpc.Errors;
using LineAgent.Agent.Grpc.Validation;
using LineAgent.Agent.Hosting;
using LineAgent.Agent.Outbox.Canary;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Configuration;

namespace LineAgent.Agent.Tests.Fleet.Canary;

/// <summary>The Canary section is refused like every other (the key named, exit 78), and its keys are the line's own.</summary>
public sealed class CanaryConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string? Problem(params (string Key, string Value)[] settings) =>
        AgentHost.ConfigurationProblem(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Theory]
    [InlineData("+1555 555 0123")]
    [InlineData("+15555550123\n")]       // whole string: "$" would have let the newline through
    [InlineData("15555550123")]
    [InlineData("peer@example")]
    [InlineData(" ")]
    [InlineData("\"; do shell script \"x")]
    public void APeerThatIsNotAHandle_IsRefused_NamingCanaryPeer(string peer)
    {
        var problem = Problem(("Canary:Peer", peer));

        Assert.NotNull(problem);
        Assert.Contains("Canary:Peer: ", problem);
        Assert.Contains("neither an E.164 phone number", problem);
    }

    [Theory]
    [InlineData("Canary:Interval", "00:00:10", "Canary:Interval: ")]
    [InlineData("Canary:Interval", "2.00:00:00", "Canary:Interval: ")]
    [InlineData("Canary:DeliveryTimeout", "00:00:01", "Canary:DeliveryTimeout: ")]
    [InlineData("Canary:DeliveryTimeout", "00:15:00", "Canary:DeliveryTimeout: DeliveryTimeout (00:15:00) plus YieldFor (00:01:00) must be shorter than Interval (00:15:00)")]
    [InlineData("Canary:MissesToDegrade", "0", "Canary:MissesToDegrade: ")]
    [InlineData("Canary:MissesToDegrade", "three", "Canary:MissesToDegrade: 'three' is not a whole number")]
    [InlineData("Canary:Intervall", "00:05:00", "Canary:Intervall: unknown key (did you mean Canary:Interval?)")]
    public void OutOfBoundsOrMisspelled_IsRefused_NamingTheKey(string key, string value, string expected)
    {
        var problem = Problem(("Canary:Peer", "+15555550123"), (key, value));

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void OffByDefault_AndAPeerWithTheDefaults_IsValid()
    {
        Assert.False(new CanaryOptions().Enabled);
        Assert.Null(Problem());
        Assert.Null(Problem(("Canary:Peer", "canary-peer@example.com")));
        Assert.Null(Problem(("Canary:Peer", "+15555550123"), ("Canary:Interval", "00:05:00"), ("Canary:DeliveryTimeout", "00:01:00")));
    }

    [Fact]
    public async Task Run_WithAnInvalidPeer_Exits78_NamingTheField_WithoutATrace()
    {
        var stderr = new StringWriter();
        var exit = await new LineAgent.Agent.Cli.Commands.RunCommand(stderr).RunAsync(
            ["--state-dir", _dir.File("state"), "--chat-db", _dir.File("chat.db"), "--port", "0", "--Canary:Peer", "nobody"],
            CancellationToken.None);

        Assert.Equal(78, exit);
        Assert.StartsWith("lineagent run: invalid configuration: Canary:Peer: \"nobody\" is neither", stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
    }

    [Theory]
    [InlineData("lineagent:canary:1764601650:+15555550123")]
    [InlineData("LineAgent:anything")]
    public void CallersCannotUseTheLinesOwnKeys(string key)
    {
        var ex = Assert.Throws<InvalidFieldException>(() => Fields.IdempotencyKey(key));
        Assert.Contains("reserved for the line's own traffic", ex.Message);
    }
}
