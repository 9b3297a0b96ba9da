using LineAgent.Agent.Attachments;
using LineAgent.Agent.Outbox;
using LineAgent.Agent.Outbox.Staging;
using LineAgent.Agent.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace LineAgent.Agent.Tests.Outbox;

public sealed class AttachmentSendTests
{
    [Theory]
    [InlineData("photo.jpg", "photo.jpg")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\evil.png", "evil.png")]
    [InlineData("..", "attachment")]
    [InlineData(".", "attachment")]
    [InlineData(".hidden.jpg", "hidden.jpg")]
    [InlineData("", "attachment")]
    [InlineData("a\nb\rc\0d.jpg", "abcd.jpg")]
    [InlineData("report\u202Egpj.exe", "reportgpj.exe")]
    [InlineData("name:with:colons.txt", "namewithcolons.txt")]
    [InlineData("  spaced out .jpg. ", "spaced out .jpg")]
    [InlineData("\" & do shell script \"x\".jpg", "\" & do shell script \"x\".jpg")]
    public void Sanitize_KeepsOnePlainComponent(string input, string expected) => Assert.Equal(expected, AttachmentFileNames.Sanitize(input));

    [Fact]
    public void Sanitize_CutsTo255Utf8Bytes_KeepingTheExtension()
    {
        var name = AttachmentFileNames.Sanitize(string.Concat(Enumerable.Repeat("😀", 200)) + ".jpeg");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(name) <= 255);
        Assert.EndsWith(".jpeg", name);
    }

    [Fact]
    public void Stager_PutsEveryFileInItsOwnDirectoryUnderTheRoot()
    {
        using var dir = new TempDirectory();
        var source = dir.File("src.bin");
        File.WriteAllBytes(source, [9]);
        var stager = new AttachmentStager(Options.Create(new OutboxOptions { StagingDirectory = dir.File("staging") }));

        var a = stager.Stage(source, "../../../escape.jpg");
        var b = stager.Stage(source, "../../../escape.jpg");

        Assert.NotEqual(a, b);
        Assert.All(new[] { a, b }, p =>
        {
            Assert.StartsWith(stager.Root + Path.DirectorySeparatorChar, p);
            Assert.Equal("escape.jpg", Path.GetFileName(p));
            Assert.Equal(stager.Root, Path.GetDirectoryName(Path.GetDirectoryName(p)));
        });
        Assert.False(File.Exists(dir.File("escape.jpg")));

        stager.Remove(a);
        Assert.False(Directory.Exists(Path.GetDirectoryName(a)));
        stager.Remove(dir.File("src.bin"));       // outside the root: ignored
        Assert.True(File.Exists(source));
    }

    [Fact]
    public void LocationCard_HasTheAppleShape()
    {
        var card = LocationCard.Build(37.331686, -122.030656);

        Assert.Equal(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 13.0//EN\r\nN:;Current Location;;;\r\nFN:Current Location\r\n"
            + "URL;type=pref:https://maps.apple.com/?ll=37.331686\\,-122.030656&q=37.331686\\,-122.030656\r\nEND:VCARD\r\n", card);
        Assert.Equal("Current Location.loc.vcf", LocationCard.FileName(null));
        Assert.Equal("HQ.loc.vcf", LocationCard.FileName("../HQ"));
    }

    [Fact]
    public async Task SeveralImages_GoOutOnePerCall_StagedUnderTheRoot_AndAreConfirmed()
    {
        using var sim = new SimulatedMessages();
        var names = new[] { "one.jpg", "../two.png", "thr\u202Eee.heic" };
        await using var h = new SendHarness(sim, outbox: o => o.StagedFileRetention = TimeSpan.FromDays(1));
        var ids = names.Select((name, i) => h.AddUpload(name, [(byte)i, 1, 2])).ToList();
        sim.Configure(c => c.SandboxRoot = h.Outbox.StagingDirectory);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("imgs", new MessageSend
        {
            To = "+15553330001",
            Parts = [new(OutboundPartKind.Text, "look"), .. ids.Select(id => new OutboundPart(OutboundPartKind.Media, id))],
        });
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal(4, done.MessageGuids.Count);
        Assert.Equal(["send-text-to-handle 4", "send-file-to-handle 4", "send-file-to-handle 4", "send-file-to-handle 4"], sim.Actions);
        Assert.Equal(3L, sim.Db.Scalar("SELECT COUNT(*) FROM attachment WHERE transfer_name IN ('one.jpg', 'two.png', 'three.heic')"));
        Assert.All(done.StagedFiles, p => Assert.StartsWith(Path.GetFullPath(h.Outbox.StagingDirectory), p));
    }

    [Fact]
    public async Task FileOutsideTheSandbox_EndsFailed_WithError25()
    {
        using var sim = new SimulatedMessages(configure: c => c.SandboxRoot = "/nonexistent-sandbox");
        await using var h = new SendHarness(sim);
        var id = h.AddUpload("x.jpg", [1]);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("k", new MessageSend
        {
            To = "+15553330001", Parts = [new(OutboundPartKind.Media, id)],
        });
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("error 25", done.Error);
    }

    [Fact]
    public async Task UnknownAttachment_FailsBeforeAnythingIsSent()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("k", new MessageSend
        {
            To = "+15553330001", Parts = [new(OutboundPartKind.Media, "missing")],
        });
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Failed, done.State);
        Assert.Contains("upload it again", done.Error);
        Assert.Empty(sim.Actions);
    }

    [Fact]
    public async Task Location_IsSentAsALocVcf_AndStagedFilesAreRemovedOnceTransferred()
    {
        using var sim = new SimulatedMessages();
        await using var h = new SendHarness(sim);
        h.StartWorker();

        var (entry, _) = h.Pipeline.Submit("loc", new LocationSend
        {
            To = "+15553330001", Latitude = 48.8584, Longitude = 2.2945, LocationName = "Tower",
        });
        var done = await h.WaitFinalAsync(entry.SendId);

        Assert.Equal(SendState.Sent, done.State);
        Assert.Equal("Tower.loc.vcf", sim.Db.Scalar("SELECT transfer_name FROM attachment"));
        Assert.Equal("text/x-vlocation", sim.Db.Scalar("SELECT mime_type FROM attachment"));
        var staged = Assert.Single(done.StagedFiles);
        Assert.Contains("ll=48.8584\\,2.2945", await File.ReadAllTextAsync(staged));

        h.Cleaner.CleanOnce();
        Assert.False(File.Exists(staged));
        Assert.Empty(h.Store.Find(entry.SendId)!.StagedFiles);
    }
}
