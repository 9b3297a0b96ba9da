using System.Security.Cryptography;
using LineAgent.Agent.Attachments;
using LineAgent.Agent.Configuration;
using LineAgent.Agent.Journal;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Pacing;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LineAgent.Agent.Tests.Attachments;

public sealed class UploadRetentionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly AttachmentOptions _options = new() { UploadRetention = TimeSpan.FromHours(24) };
    private readonly AttachmentStore _store;

    public UploadRetentionTests() =>
        _store = new AttachmentStore(Options.Create(_options), Options.Create(new AgentOptions { StateDirectory = _dir.Path }), _time);

    public void Dispose() => _dir.Dispose();

    private async Task<StoredAttachment> UploadAsync(string name)
    {
        byte[] content = [1, 2, 3, 4];
        var spec = new UploadSpec(name, "image/jpeg", content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));
        await using var writer = _store.Begin(spec);
        Assert.True(await writer.WriteAsync(content, CancellationToken.None));
        var (stored, size, hash) = await writer.CompleteAsync(CancellationToken.None);
        Assert.Null(size);
        Assert.Null(hash);
        return stored!;
    }

    private sealed class FixedInUse(params string[] ids) : IUploadsInUse
    {
        public IReadOnlySet<string> AttachmentIds() => ids.ToHashSet();
    }

    private UploadJanitor Janitor(IUploadsInUse inUse) =>
        new(_store, inUse, Options.Create(_options), _time, NullLogger<UploadJanitor>.Instance);

    [Fact]
    public async Task SweepOnce_DeletesUploadsPastRetention_KeepsRecentOnesAndThoseAPendingSendUses()
    {
        var unsent = await UploadAsync("never-sent.jpg");
        var pending = await UploadAsync("queued.jpg");
        _time.Advance(TimeSpan.FromHours(20));
        var recent = await UploadAsync("recent.jpg");
        _time.Advance(TimeSpan.FromHours(5)); // the first two are 25 h old, the last 5 h

        if (!OperatingSystem.IsWindows())
            Assert.Empty(LineAgent.Agent.Configuration.PrivateStateDirectory.FindExposed(_store.Directory)); // metadata and folders 0600/0700

        Assert.Equal(1, Janitor(new FixedInUse(pending.Id)).SweepOnce());

        Assert.Null(_store.Find(unsent.Id));
        Assert.False(Directory.Exists(Path.GetDirectoryName(unsent.Path)));
        Assert.NotNull(_store.Find(pending.Id));
        Assert.NotNull(_store.Find(recent.Id));

        // Once the send no longer needs it, it goes too.
        Assert.Equal(1, Janitor(new FixedInUse()).SweepOnce());
        Assert.Null(_store.Find(pending.Id));
        Assert.NotNull(_store.Find(recent.Id));
    }

    [Fact]
    public async Task RemoveInterrupted_DeletesPartFilesAndOrphanFolders_ButNotAnUploadInProgressOrCompleted()
    {
        var completed = await UploadAsync("done.jpg");
        var incoming = Path.Combine(_store.Directory, ".incoming");
        var killedPart = Path.Combine(incoming, "att_" + new string('1', 32) + ".part");
        await File.WriteAllBytesAsync(killedPart, [1]);
        var orphan = Path.Combine(_store.Directory, "att_" + new string('2', 32)); // moved, metadata never written
        Directory.CreateDirectory(orphan);
        await File.WriteAllBytesAsync(Path.Combine(orphan, "x.jpg"), [1]);

        await using var running = _store.Begin(new UploadSpec("running.jpg", "image/jpeg", 10, new string('a', 64)));
        Assert.Equal(2, _store.RemoveInterrupted());

        Assert.False(File.Exists(killedPart));
        Assert.False(Directory.Exists(orphan));
        Assert.True(File.Exists(Path.Combine(incoming, running.Id + ".part")));
        Assert.NotNull(_store.Find(completed.Id));
    }

    [Fact]
    public async Task OutboxUploadsInUse_NamesTheMediaOfQueuedSendsOnly()
    {
        using var journal = new JournalStore(_dir.File("journal.db"), new JournalOptions(), _time, NullLogger<JournalStore>.Instance);
        var outbox = new OutboxStore(journal, _time);
        var upload = await UploadAsync("photo.jpg");
        var request = new MessageSend
        {
            To = "+15555550123",
            Parts = [new OutboundPart(OutboundPartKind.Text, "hi"), new OutboundPart(OutboundPartKind.Media, upload.Id)],
        };
        var (entry, _) = outbox.Accept("k1", request, [], new OutboxOptions(), new PacingOptions());

        var inUse = new OutboxUploadsInUse(outbox);
        Assert.Equal([upload.Id], inUse.AttachmentIds());

        outbox.Save(entry with { State = SendState.Sent });
        Assert.Empty(inUse.AttachmentIds());
    }
}
