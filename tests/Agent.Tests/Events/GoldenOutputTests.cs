using LineAgent.Agent.Cli;
using System.Runtime.CompilerServices;
using System.Text;
using Google.Protobuf;
using LineAgent.Agent.ChangeFeed;
using LineAgent.Agent.Cli.Commands;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Pacing;
using LineAgent.Agent.Tests.Grpc;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.ChatDbReader;
using LineAgent.FakeChatDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Proto = LineAgent.Protocol.V1;

namespace LineAgent.Agent.Tests.Events;

/// <summary>
/// The wire formats byte for byte: `lineagent export`, the journal's event payloads as `lineagent watch` prints them,
/// and StreamEvents' events (as proto JSON), over <see cref="GoldenCorpus"/> on every schema variant, plus the send
/// events of one send's life. The golden files were captured from the code before the event payloads became typed
/// records; a difference is a wire change. Set LINEAGENT_UPDATE_GOLDEN=1 to rewrite them (only for an intended change).
/// </summary>
public sealed class GoldenOutputTests : IDisposable
{
    private static readonly JsonFormatter ProtoJson = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<SchemaVariant> Variants() => new(Enum.GetValues<SchemaVariant>());

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Export_IsByteIdenticalToGolden(SchemaVariant variant)
    {
        var path = _dir.File("chat.db");
        GoldenCorpus.Create(path, variant);
        using var stdout = new MemoryStream();
        var stderr = new StringWriter();

        var code = await new ExportCommand(() => new NonClosingStream(stdout), stderr, progress: false).RunAsync(["--chat-db", path], CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal("", stderr.ToString());
        AssertGolden($"export.{variant}.jsonl", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void WatchLines_AreByteIdenticalToGolden(SchemaVariant variant)
    {
        var path = _dir.File("chat.db");
        GoldenCorpus.Create(path, variant);
        using var journal = NewJournal();
        journal.Append(CorpusEvents(path));

        var lines = journal.ReadAfter(0, 10_000).Select(WatchCommand.Format);

        AssertGolden($"watch.{variant}.jsonl", string.Join('\n', lines) + "\n");
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task StreamEvents_AreByteIdenticalToGolden(SchemaVariant variant)
    {
        GoldenCorpus.Create(_dir.File("corpus.db"), variant);
        await using var server = await AgentTestServer.StartAsync(_dir, ["--ChangeFeed:Enabled", "false"]);
        var events = CorpusEvents(_dir.File("corpus.db"));
        server.Journal.Append(events);

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = server.Client.StreamEvents(new Proto.StreamEventsRequest { AfterCursor = 0 }, cancellationToken: guard.Token);
        var lines = new List<string>();
        while (lines.Count < events.Count && await call.ResponseStream.MoveNext(guard.Token))
            lines.Add(ProtoJson.Format(call.ResponseStream.Current)
                // Message.text_truncated (9.2) is new and false here: proto3 does not send it, so the wire bytes are
                // unchanged; only this JSON rendering of default values shows it.
                .Replace(", \"textTruncated\": false", "", StringComparison.Ordinal));

        AssertGolden($"stream.{variant}.jsonl", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void SendEvents_AreByteIdenticalToGolden()
    {
        var time = new FakeTimeProvider(GoldenCorpus.Now);
        using var journal = NewJournal(time);
        var outbox = new OutboxStore(journal, time);
        var request = new CreateChatSend { Recipients = ["+14155550101"], Text = "hi \u00E9 \"q\"" };
        var (entry, _) = outbox.Accept("key-\u00E9-1", request, [], new OutboxOptions(), new PacingOptions { Enabled = false });
        time.Advance(TimeSpan.FromMilliseconds(7));
        entry = outbox.Save(entry with { State = SendState.Sending }, journalState: true);
        entry = outbox.Save(entry with { State = SendState.Sent, ChatGuid = "iMessage;-;+14155550101", MessageGuids = ["M-1", "M-2"] }, journalState: true);
        entry = outbox.Save(entry with { Delivery = DeliveryState.Delivered }, journalDelivery: true);
        entry = outbox.Save(entry with { Delivery = DeliveryState.Read }, journalDelivery: true);
        var (other, _) = outbox.Accept("key-2", new MessageSend { To = "a@example.com" }, [], new OutboxOptions(), new PacingOptions { Enabled = false });
        outbox.Save(other with { State = SendState.Failed, Error = "Messages said \"no\" \u2014 <retry>" }, journalState: true);
        outbox.Save(other with { State = SendState.Unconfirmed, Error = null }, journalState: true);

        var lines = journal.ReadAfter(0, 100).Select(e => WatchCommand.Format(e).Replace(entry.SendId, "SEND-1").Replace(other.SendId, "SEND-2"));

        AssertGolden("watch.sends.jsonl", string.Join('\n', lines) + "\n");
    }

    /// <summary>What the change feed journals for the corpus: every chat, then every row in ROWID order, then chat reads.</summary>
    private static List<NewJournalEvent> CorpusEvents(string chatDbPath)
    {
        using var db = LineAgent.ChatDbReader.ChatDb.Open(chatDbPath);
        var events = new List<NewJournalEvent>();
        var chats = db.ListChats();
        foreach (var chat in chats)
            events.Add(EventMapper.ChatCreated(chat, GoldenCorpus.Now.AddTicks(5678)));
        foreach (var message in db.ReadMessagesAfter(0, int.MaxValue))
            events.AddRange(EventMapper.Inserted(message));
        foreach (var chat in chats)
            events.Add(EventMapper.ChatRead(chat.Guid, chat, 764_000_000_000_000_000 + chat.RowId));
        events.Add(EventMapper.ChatRead("iMessage;-;gone", null, 0));
        return events;
    }

    private JournalStore NewJournal(TimeProvider? time = null) =>
        new(_dir.File("state/journal.db"), new JournalOptions(), time ?? new FakeTimeProvider(GoldenCorpus.Now), NullLogger<JournalStore>.Instance);

    private static void AssertGolden(string name, string actual, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Golden", name);
        // Attachment paths expand "~/" to the home directory of whoever runs the tests.
        actual = actual.Replace(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + "/Library/", "~/Library/", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("LINEAGENT_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(path), $"golden file {path} is missing (run once with LINEAGENT_UPDATE_GOLDEN=1 on the reference code)");
        var expected = File.ReadAllText(path, Encoding.UTF8);
        if (expected == actual)
            return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"{name} differs from golden at line {line + 1}:\nexpected: {(line < e.Length ? e[line] : "<end>")}\nactual:   {(line < a.Length ? a[line] : "<end>")}");
    }
}
