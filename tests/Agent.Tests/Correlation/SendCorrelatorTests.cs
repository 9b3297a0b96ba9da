using LineAgent.Agent.ChatDb;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Correlation;
using LineAgent.Agent.MessagesApp;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.Correlation;

/// <summary>SendCorrelator against a fake chat.db written directly (no simulator needed).</summary>
public sealed class SendCorrelatorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeChatDatabase _db;
    private readonly ChatDbSource _source;
    private readonly ChatDbView _view;
    private readonly SendCorrelator _correlator;

    public SendCorrelatorTests()
    {
        _db = FakeChatDatabase.Create(_dir.File("chat.db"), SchemaVariant.Sequoia);
        _source = new ChatDbSource(_db.Path);
        _view = new ChatDbView(_source);
        _correlator = new SendCorrelator(_view, Options.Create(new CorrelationOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(10),
            GhostGrace = TimeSpan.Zero,
        }), TimeProvider.System, NullLogger<SendCorrelator>.Instance);
    }

    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Wait_BindsTheFromMeRowInTheTargetChat_WithTheSameText()
    {
        var chat = _db.EnsureDirectChat("+15550000001");
        _db.SendText(chat, "hello");                       // before the snapshot: must not match
        var snapshot = _correlator.Snapshot();
        _db.ReceiveText(chat, "+15550000001", "hello");     // not from me
        _db.SendText(_db.EnsureDirectChat("+15550000002"), "hello");   // other chat
        var mine = _db.SendText(chat, "hello", bodyOnly: true);         // text only in attributedBody

        var result = await _correlator.WaitAsync(snapshot,
            CorrelationExpectation.Text(new HandleTarget("+15550000001", MessagesService.IMessage), "hello", Long), null, CancellationToken.None);

        Assert.Equal(CorrelationOutcome.Confirmed, result.Outcome);
        Assert.Equal(mine.Guid, result.Row!.Guid);
    }

    [Fact]
    public async Task Wait_FindsRowsWrittenWhileWaiting()
    {
        var chat = _db.CreateGroupChat(["+15550000001", "+15550000002"]);
        var snapshot = _correlator.Snapshot();
        var waiting = _correlator.WaitAsync(snapshot, CorrelationExpectation.Text(new ChatTarget(chat.Guid), "late", Long), null, CancellationToken.None);

        var row = _db.SendText(chat, "late");

        Assert.Equal(row.Guid, (await waiting).Row!.Guid);
    }

    [Fact]
    public async Task Wait_SkipsGuidsAlreadyBoundToOtherSends()
    {
        var chat = _db.EnsureDirectChat("+15550000001");
        var snapshot = _correlator.Snapshot();
        var first = _db.SendText(chat, "same");
        var second = _db.SendText(chat, "same");

        var result = await _correlator.WaitAsync(snapshot,
            CorrelationExpectation.Text(new ChatTarget(chat.Guid), "same", Long), new HashSet<string> { first.Guid }, CancellationToken.None);

        Assert.Equal(second.Guid, result.Row!.Guid);
    }

    [Fact]
    public async Task Wait_ReportsAFailedRow()
    {
        var chat = _db.EnsureDirectChat("+15550000001");
        var snapshot = _correlator.Snapshot();
        var row = _db.SendText(chat, "doomed", sent: false);
        _db.MarkFailed(row, 22);

        var result = await _correlator.WaitAsync(snapshot, CorrelationExpectation.Text(new ChatTarget(chat.Guid), "doomed", Long), null, CancellationToken.None);

        Assert.Equal(CorrelationOutcome.FailedInChatDb, result.Outcome);
    }

    [Fact]
    public async Task Wait_DetectsAGhostRow_ForChatTargetedSends()
    {
        var chat = _db.CreateGroupChat(["+15550000001", "+15550000002"]);
        var snapshot = _correlator.Snapshot();
        var ghost = _db.InsertMessage(new NewMessage { IsFromMe = true, IsSent = true, Handle = "+15550000001", Service = "SMS" });

        var result = await _correlator.WaitAsync(snapshot, CorrelationExpectation.Text(new ChatTarget(chat.Guid), "lost", Long), null, CancellationToken.None);

        Assert.Equal(CorrelationOutcome.Ghost, result.Outcome);
        Assert.Equal(ghost.Guid, result.Row!.Guid);
    }

    [Fact]
    public async Task Wait_PrefersTheRealRowOverAGhost()
    {
        var chat = _db.CreateGroupChat(["+15550000001", "+15550000002"]);
        var snapshot = _correlator.Snapshot();
        _db.InsertMessage(new NewMessage { IsFromMe = true, IsSent = true, Handle = "+15550000001", Service = "SMS" });
        var real = _db.SendText(chat, "arrived");

        var result = await _correlator.WaitAsync(snapshot, CorrelationExpectation.Text(new ChatTarget(chat.Guid), "arrived", Long), null, CancellationToken.None);

        Assert.Equal(real.Guid, result.Row!.Guid);
    }

    [Fact]
    public async Task Wait_TimesOutAsNotFound()
    {
        var chat = _db.EnsureDirectChat("+15550000001");
        var snapshot = _correlator.Snapshot();
        _db.SendText(chat, "something else");

        var result = await _correlator.WaitAsync(snapshot, CorrelationExpectation.Text(new ChatTarget(chat.Guid), "never", Short), null, CancellationToken.None);

        Assert.Equal(CorrelationOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task File_MatchesByTransferName()
    {
        var chat = _db.EnsureDirectChat("+15550000001");
        var snapshot = _correlator.Snapshot();
        var (message, _) = _db.SendAttachment(chat, new NewAttachment { TransferName = "a b.jpg" });

        var result = await _correlator.WaitAsync(snapshot, CorrelationExpectation.File(new ChatTarget(chat.Guid), "a b.jpg", Long), null, CancellationToken.None);

        Assert.Equal(message.Guid, result.Row!.Guid);
    }

    [Fact]
    public async Task Tapback_MatchesKindTargetAndDirection()
    {
        var chat = _db.EnsureDirectChat("+15550000001");
        var target = _db.ReceiveText(chat, "+15550000001", "hi");
        var snapshot = _correlator.Snapshot();
        _db.InsertTapback(chat, target, LineAgent.FakeChatDb.TapbackKind.Like);
        var love = _db.InsertTapback(chat, target, LineAgent.FakeChatDb.TapbackKind.Love);

        var result = await _correlator.WaitAsync(snapshot,
            CorrelationExpectation.Tapback(target.Guid, 0, LineAgent.ChatDbReader.Records.ReactionType.Love, removed: false, Long), null, CancellationToken.None);

        Assert.Equal(love.Guid, result.Row!.Guid);
    }

    [Fact]
    public async Task Tapback_OnAnotherPartOfTheMessage_IsNotTheOneAskedFor()
    {
        var chat = _db.EnsureDirectChat("+15550000001");
        var target = _db.ReceiveText(chat, "+15550000001", "hi");
        var snapshot = _correlator.Snapshot();
        _db.InsertTapback(chat, target, LineAgent.FakeChatDb.TapbackKind.Love, part: 1);     // "p:1/GUID": the wrong part
        var whole = _db.InsertTapback(chat, target.Guid, LineAgent.FakeChatDb.TapbackKind.Love, wholeBalloon: true);   // "bp:GUID" = part 0

        var onPart0 = await _correlator.WaitAsync(snapshot,
            CorrelationExpectation.Tapback(target.Guid, 0, LineAgent.ChatDbReader.Records.ReactionType.Love, removed: false, Long), null, CancellationToken.None);
        var onPart2 = await _correlator.WaitAsync(snapshot,
            CorrelationExpectation.Tapback(target.Guid, 2, LineAgent.ChatDbReader.Records.ReactionType.Love, removed: false, TimeSpan.FromMilliseconds(300)), null, CancellationToken.None);

        Assert.Equal(whole.Guid, onPart0.Row!.Guid);
        Assert.Null(onPart2.Row);
    }

    public void Dispose()
    {
        _source.Dispose();
        _db.Dispose();
        _dir.Dispose();
    }
}
