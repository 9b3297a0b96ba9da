using LineAgent.Agent.Events;
using System.Text.Json;
using LineAgent.Agent.Cli;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.Cli;

public sealed class WatchCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A StringWriter that can be read while the command writes to it.</summary>
    private sealed class SyncWriter : StringWriter
    {
        private readonly Lock _gate = new();
        public override void Write(char value) { lock (_gate) base.Write(value); }
        public override void Write(string? value) { lock (_gate) base.Write(value); }
        public override void WriteLine(string? value) { lock (_gate) base.WriteLine(value); }
        public override Task WriteLineAsync(string? value) { WriteLine(value); return Task.CompletedTask; }
        public string[] Lines() { lock (_gate) return ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries); }
    }

    [Fact]
    public async Task Watch_PrintsJournalEventsAsJsonLines_FromTheGivenCursor()
    {
        var chatDbPath = _dir.File("Messages/chat.db");
        using var chatDb = FakeChatDatabase.Create(chatDbPath, SchemaVariant.Sequoia);
        var chat = chatDb.EnsureDirectChat("+15550001");
        var state = _dir.File("state");
        using (var journal = new JournalStore(Path.Combine(state, "journal.db"), new JournalOptions(), TimeProvider.System,
                   Microsoft.Extensions.Logging.Abstractions.NullLogger<JournalStore>.Instance))
        {
            journal.Append([new NewJournalEvent("earlier", JournalEventTypes.ChatRead, DateTimeOffset.UnixEpoch, "c", null)]);
        }

        var output = new SyncWriter();
        using var cts = new CancellationTokenSource();
        var run = new WatchCommand(output).RunAsync(["--chat-db", chatDbPath, "--state-dir", state, "--from-cursor", "0"], cts.Token);
        await Eventually.UntilAsync(() => output.Lines().Length >= 1, "the already journaled event is printed");
        using (var probe = new JournalStore(Path.Combine(state, "journal.db"), new JournalOptions(), TimeProvider.System,
                   Microsoft.Extensions.Logging.Abstractions.NullLogger<JournalStore>.Instance))
        {
            // Write only once the feed has recorded its starting position, so the message counts as new.
            await Eventually.UntilAsync(() => probe.ReadCursor("chatdb") is not null, "the feed records its position");
        }

        var m = chatDb.ReceiveText(chat, "+15550001", "watch me");
        await Eventually.UntilAsync(() => output.Lines().Length >= 2, "the new message is printed");
        cts.Cancel();
        Assert.Equal(0, await run);

        var lines = output.Lines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("earlier", lines[0].GetProperty("id").GetString());
        Assert.Equal(1, lines[0].GetProperty("cursor").GetInt64());
        var received = lines[1];
        Assert.Equal("message.received", received.GetProperty("type").GetString());
        Assert.Equal(m.Guid, received.GetProperty("message_guid").GetString());
        Assert.Equal(chat.Guid, received.GetProperty("chat_guid").GetString());
        Assert.Equal("watch me", received.GetProperty("data").GetProperty("message").GetProperty("text").GetString());
        Assert.EndsWith("Z", received.GetProperty("occurred_at").GetString());
    }

    [Theory]
    [InlineData("--from-cursor", "-1")]
    [InlineData("--from-cursor", "abc")]
    [InlineData("--bogus")]
    [InlineData("--chat-db")]
    public async Task Watch_BadArguments_AreUsageErrors(params string[] args)
    {
        Assert.Equal(2, await new WatchCommand(TextWriter.Null).RunAsync(args, CancellationToken.None));
    }

    [Fact]
    public async Task CommandLine_Watch_IsListed()
    {
        var stdout = new StringWriter();
        await CommandLine.RunAsync(["help"], stdout, TextWriter.Null);
        Assert.Contains("watch", stdout.ToString());
    }
}
