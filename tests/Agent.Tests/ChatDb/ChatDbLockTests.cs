using LineAgent.Agent.Cli;
using System.Diagnostics;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Operations.Doctor.Checks;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.Operations;
using LineAgent.Agent.Tests.Operations.Doctor;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using LineAgent.Protocol.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LineAgent.Agent.Tests.ChatDb;

/// <summary>
/// Issue 9.1: nothing in the agent's process may open chat.db (or journal.db) except SQLite, or the process loses
/// SQLite's locks and the next writer that closes deletes the WAL under the agent's open connections.
/// </summary>
public sealed class ChatDbLockTests : IDisposable
{
    private const string Customer = "+15550001111";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string ChatDbPath => AgentTestServer.ChatDbPath(_dir);

    /// <summary>The reproduction: GetLine and the health check run, then another process inserts a row and closes.</summary>
    [Fact]
    public async Task RowWrittenByAnotherProcessAfterHealthProbes_IsJournaled()
    {
        using (var writer = FakeChatDatabase.Create(ChatDbPath, SchemaVariant.Sequoia))
            writer.ReceiveText(writer.EnsureDirectChat(Customer), Customer, "before");
        // No file watcher and no periodic reopen: the feed's connection, like history's pooled one, must keep seeing
        // new commits on its own (a watcher-driven reopen would only hide the lost locks).
        await using var server = await AgentTestServer.StartAsync(_dir,
            ["--ChangeFeed:WatchFiles", "false", "--ChangeFeed:ReopenInterval", "01:00:00"]);
        await Eventually.UntilAsync(() => server.Journal.ReadCursor("chatdb"), c => c is not null, "the feed to open chat.db");
        await server.Client.ListChatsAsync(new ListChatsRequest()); // leaves an open connection in the history pool

        await server.Client.GetLineAsync(new GetLineRequest());
        await server.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        // Another process opens chat.db and closes it: finding no other process's lock it is "the last connection",
        // checkpoints and deletes -wal/-shm, and the agent's open connections would be reading deleted files.
        if (!await RunSqlite3Async("SELECT count(*) FROM message"))
            return; // no sqlite3 command line tool on this machine: ChatDbLockTests' /proc/locks test still covers this
        Assert.True(File.Exists(ChatDbPath + "-wal"), "the closing sqlite3 deleted chat.db-wal: it believed no other process had chat.db open");
        var guid = await InsertFromAnotherProcessAsync("after the probes");

        var row = await server.Client.GetMessageAsync(new GetMessageRequest { MessageGuid = guid });
        Assert.Equal("after the probes", row.Text);
        await Eventually.UntilAsync(() => server.Journal.ReadAfter(0, 10_000).Any(e => e.MessageGuid == guid),
            $"message {guid} (written by another process after GetLine) to be journaled", TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Every path in the agent that touches chat.db (GetLine, gRPC health, history, attachment lookup, doctor, export)
    /// leaves this process's SQLite locks on chat.db and journal.db in place. A FileStream opened and closed on either
    /// file anywhere in the process makes this fail.
    /// </summary>
    [Fact]
    public async Task EveryChatDbReader_KeepsThisProcessesSqliteLocks()
    {
        if (!ProcLocks.Available) return; // needs Linux's /proc/locks
        using var home = new TempDirectory();
        var doctor = DoctorContexts.Create(home, new FakeCommandRunner());
        var chatDbPath = doctor.ChatDbPath;
        using (var writer = FakeChatDatabase.Create(chatDbPath, SchemaVariant.Sequoia))
            writer.ReceiveText(writer.EnsureDirectChat(Customer), Customer, "hello");
        await using var server = await AgentTestServer.StartAsync(_dir, ["--chat-db", chatDbPath]);
        await Eventually.UntilAsync(() => server.Journal.ReadCursor("chatdb"), c => c is not null, "the feed to open chat.db");
        var journalPath = Path.Combine(AgentTestServer.StateDirectory(_dir), "journal.db");
        void AssertLocksHeld(string after)
        {
            Assert.True(ProcLocks.HeldOn(chatDbPath), $"this process lost its SQLite lock on chat.db after {after}");
            Assert.True(ProcLocks.HeldOn(journalPath), $"this process lost its SQLite lock on journal.db after {after}");
        }
        AssertLocksHeld("start-up");

        await server.Client.GetLineAsync(new GetLineRequest());
        AssertLocksHeld("GetLine");
        await server.App.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        AssertLocksHeld("the gRPC health check");
        var chats = await server.Client.ListChatsAsync(new ListChatsRequest());
        await server.Client.ListMessagesAsync(new ListMessagesRequest { ChatGuid = chats.Chats[0].Guid });
        AssertLocksHeld("history");
        var download = server.Client.DownloadAttachment(new DownloadAttachmentRequest { AttachmentGuid = "at_0_NONE" });
        await Assert.ThrowsAnyAsync<Exception>(async () => await download.ResponseStream.MoveNext(CancellationToken.None));
        AssertLocksHeld("an attachment lookup");

        await new FullDiskAccessCheck().RunAsync(doctor, CancellationToken.None);
        AssertLocksHeld("doctor's Full Disk Access check");
        var export = new ExportCommand(() => Stream.Null, new StringWriter(), progress: false);
        Assert.Equal(0, await export.RunAsync(["--chat-db", chatDbPath], CancellationToken.None));
        AssertLocksHeld("export");
    }

    /// <summary>Runs the sqlite3 command line tool on chat.db; false when it is not installed.</summary>
    private async Task<bool> RunSqlite3Async(string sql)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("sqlite3", [ChatDbPath, sql]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        using (process)
        {
            await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"sqlite3 failed: {stderr}");
        }
        return true;
    }

    /// <summary>Runs <c>fake-messages inbound</c>: its own process opens chat.db, inserts a row, closes.</summary>
    private async Task<string> InsertFromAnotherProcessAsync(string text)
    {
        var start = new ProcessStartInfo(SimulatedMessages.SimulatorPath, ["inbound", "--from", Customer, "--text", text])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LINEAGENT_SIM_CHAT_DB"] = ChatDbPath },
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"fake-messages inbound failed: {stderr}");
        return stdout.Trim();
    }
}
