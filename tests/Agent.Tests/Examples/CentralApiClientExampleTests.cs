using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.Examples.CentralApiClient;

namespace LineAgent.Agent.Tests.Examples;

/// <summary>
/// examples/CentralApiClient, run against the real host: its event follower survives the agent restarting (each
/// event handled once, in order) and its sends with one idempotency key send once.
/// </summary>
public sealed class CentralApiClientExampleTests
{
    [Fact]
    public async Task FollowEvents_AcrossAnAgentRestart_HandlesEveryEventOnceInOrder()
    {
        using var dir = new TempDirectory();
        var first = await AgentTestServer.StartAsync(dir);
        var address = new Uri(first.Address);
        first.Journal.AppendReceived(1, 3);
        var seen = new List<long>();
        var gotAll = new TaskCompletionSource();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var line = new LineConnection(address, AgentTestServer.Token);

        var following = line.FollowEventsAsync(0, e =>
        {
            lock (seen)
            {
                seen.Add(e.Cursor);
                if (seen.Count == 5) gotAll.TrySetResult();
            }
            return Task.CompletedTask;
        }, stop.Token);
        await Eventually.UntilAsync(() => { lock (seen) return seen.Count; }, n => n == 3, "the first three events", TimeSpan.FromSeconds(30));

        // The agent goes away and comes back on the same port with the same journal, which gained two events.
        await first.DisposeAsync();
        var second = await AgentTestServer.StartAsync(dir, ["--port", address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        try
        {
            second.Journal.AppendReceived(4, 5);
            await gotAll.Task.WaitAsync(stop.Token);
            stop.Cancel();
            var last = await following;

            lock (seen) Assert.Equal([1L, 2, 3, 4, 5], seen);
            Assert.Equal(5, last);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendText_TwiceWithOneKey_IsOneSend()
    {
        using var dir = new TempDirectory();
        await using var server = await AgentTestServer.StartAsync(dir);
        using var line = new LineConnection(new Uri(server.Address), AgentTestServer.Token);

        var first = await line.SendTextAsync("order-42-confirmation", "+15555550123", "Your order shipped", CancellationToken.None);
        var again = await line.SendTextAsync("order-42-confirmation", "+15555550123", "Your order shipped", CancellationToken.None);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.SendId, again.SendId);
    }
}
