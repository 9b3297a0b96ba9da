using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Cli.Certify;

/// <summary>
/// Issue 16 §1, `--peer-line`: the peer's own LineAgent is asked whether the other side saw the run's text. Two simulated
/// lines do not reach each other by themselves, so the test plays the network: a relay copies what this line sent into
/// the peer line's chat.db as received. With it the row passes naming the peer's event; without it (the peer never got
/// the message, as when Apple delivers to another device) the row fails though this line saw its own delivery.
/// </summary>
public sealed class CertifyPeerLineTests
{
    private const string Peer = CertifyHost.Peer;

    /// <summary>The handle this line sends as, as the peer's chat.db would record it.</summary>
    private const string ThisLine = "+15556669999";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PeerLine_ConfirmsTheText_OnlyWhenThePeersOwnLineReceivedIt(bool delivered)
    {
        await using var host = await CertifyHost.StartAsync();
        using var peerDir = new TempDirectory();
        using var peerDb = FakeChatDatabase.Create(AgentTestServer.ChatDbPath(peerDir), SchemaVariant.Sequoia);
        await using var peerLine = await AgentTestServer.StartAsync(peerDir, ["--ChangeFeed:PollInterval", "00:00:00.050"]);
        using var stop = new CancellationTokenSource();
        var relay = delivered ? Task.Run(() => RelayAsync(host.Db, peerDb, stop.Token)) : Task.CompletedTask;

        var (exit, report, stderr) = await host.CertifyAsync(4, "--peer", Peer, "--only", "send-text",
            "--peer-line", peerLine.Address, "--peer-token-file", Path.Combine(AgentTestServer.StateDirectory(peerDir), "grpc.token"));
        await stop.CancelAsync();
        await relay;

        var row = Assert.Single(CertifyHost.Rows(report));
        if (delivered)
        {
            Assert.True(exit == 0, stderr + row);
            Assert.Equal("passed", row.Result);
            Assert.Contains("peer line: message.received", row.Evidence);
        }
        else
        {
            Assert.Equal(1, exit);
            Assert.Equal("failed", row.Result);
            Assert.Contains("the peer line saw no message.received", row.Evidence);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    public async Task PeerTokenFile_ThatCannotBeUsed_IsAUsageErrorNamingIt_BeforeAnythingIsSent(string problem)
    {
        await using var host = await CertifyHost.StartAsync();
        var tokenFile = host.Directory.File("peer.token");
        if (problem == "empty")
            File.WriteAllText(tokenFile, "\n");

        var (exit, _, stderr) = await host.CertifyAsync(4, "--peer", Peer, "--only", "send-text",
            "--peer-line", "http://127.0.0.1:9", "--peer-token-file", tokenFile);

        Assert.Equal(2, exit);
        Assert.Contains("--peer-token-file: ", stderr);
        Assert.Contains(tokenFile, stderr);
        Assert.DoesNotContain("   at ", stderr);      // one line with the fix, no stack trace
        Assert.Equal(0L, host.Db.Scalar("SELECT COUNT(*) FROM message"));
    }

    /// <summary>Copies each text this line sent (is_from_me rows, in order) into the peer's chat.db as received from this line.</summary>
    private static async Task RelayAsync(FakeChatDatabase from, FakeChatDatabase to, CancellationToken cancellationToken)
    {
        var chat = to.EnsureDirectChat(ThisLine);
        long last = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var row in from.Query("SELECT ROWID, text FROM message WHERE is_from_me = 1 AND ROWID > $last AND text IS NOT NULL ORDER BY ROWID",
                         ("$last", last)))
            {
                last = (long)row[0]!;
                to.ReceiveText(chat, ThisLine, (string)row[1]!);
            }
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
