using LineAgent.Agent.Tests.Grpc;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Cli.Certify;

/// <summary>Issue 16: `lineagent certify` end to end against the simulated Messages.</summary>
public sealed class CertifyTests
{
    private const string Peer = CertifyHost.Peer;
    private const string Peer2 = CertifyHost.Peer2;

    [Fact]
    public async Task EveryCapability_Passes_AndOnlyThePeersChatsAreTouched()
    {
        await using var host = await CertifyHost.StartAsync();
        var bystander = host.Db.EnsureDirectChat("+15557770000");
        var bystanderMessage = host.Db.ReceiveText(bystander, "+15557770000", "not yours");

        var (exit, report, stderr) = await host.CertifyAsync("--peer", Peer, "--peer2", Peer2);

        var rows = CertifyHost.Rows(report);
        Assert.True(exit == 0, stderr + "\n" + string.Join("\n", rows));
        Assert.Equal(19, rows.Count);
        Assert.All(rows, r => Assert.Equal("passed", r.Result));
        Assert.All(rows.Where(r => r.Check.StartsWith("tapback ", StringComparison.Ordinal)), r => Assert.Equal("nothing", r.Left));

        // Only the peer's 1:1 chat and the run's group got anything; the bystander's chat is untouched and still unread.
        var touched = host.Db.Query("""
            SELECT DISTINCT c.guid FROM message m JOIN chat_message_join j ON j.message_id = m.ROWID JOIN chat c ON c.ROWID = j.chat_id
            WHERE m.is_from_me = 1
            """).Select(r => (string)r[0]!).ToList();
        var group = report.GetProperty("cleanup").EnumerateArray().Select(n => n.GetString()!).Single(n => n.Contains("the group stays"));
        Assert.All(touched, chat => Assert.True(chat.EndsWith(";-;" + Peer, StringComparison.Ordinal) || group.StartsWith(chat, StringComparison.Ordinal), chat));
        Assert.Equal(0L, host.Db.Scalar("SELECT is_read FROM message WHERE guid = $g", ("$g", bystanderMessage.Guid)));

        // The report file is the operator's only (it names the peers), and GetLine now says what was proven.
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.ReportPath));
        var line = await host.Server.Client.GetLineAsync(new Proto.GetLineRequest());
        foreach (var status in line.Capabilities)
        {
            Assert.True(status.Certification.State == Proto.Certification.Verified, $"{status.Capability}: {status.Certification}");
            Assert.StartsWith("simulated Messages on ", status.Certification.Build);
        }
        Assert.Equal(host.ReportPath, line.Capabilities.First(c => c.Capability == Proto.Capability.Tapbacks).Certification.ReportPath);
    }

    [Fact]
    public async Task GroupRows_WithoutASecondPeer_AreSkippedWithTheFix_AndLeaveTheRecordUnverified()
    {
        await using var host = await CertifyHost.StartAsync();

        var (exit, report, _) = await host.CertifyAsync("--peer", Peer, "--only", "group-create,group-rename,participant-changes");

        Assert.Equal(0, exit);
        Assert.All(CertifyHost.Rows(report), r => Assert.Equal(("skipped", "needs a second peer: pass --peer2 HANDLE"), (r.Result, r.Evidence)));
        Assert.Equal(0L, host.Db.Scalar("SELECT COUNT(*) FROM message WHERE is_from_me = 1"));
        var line = await host.Server.Client.GetLineAsync(new Proto.GetLineRequest());
        Assert.Equal(Proto.Certification.Unverified, line.Capabilities.Single(c => c.Capability == Proto.Capability.GroupCreate).Certification.State);
    }
}
