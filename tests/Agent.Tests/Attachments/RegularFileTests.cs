using LineAgent.Agent.Attachments;
using LineAgent.Agent.Tests.TestSupport;

namespace LineAgent.Agent.Tests.Attachments;

public sealed class RegularFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryOpenRead_RegularFile_OpensItForReading()
    {
        var path = _dir.File("photo.jpg");
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal(RegularFile.OpenResult.Opened, RegularFile.TryOpenRead(path, out var handle));
        using (handle)
        {
            Assert.Equal(3, RandomAccess.GetLength(handle!));
            var buffer = new byte[8];
            Assert.Equal(3, RandomAccess.Read(handle!, buffer, 0));
        }
    }

    [Fact]
    public async Task TryOpenRead_FifoDirectoryOrSymbolicLink_IsNotRegularAndNeverBlocks()
    {
        if (OperatingSystem.IsWindows())
            return;
        var fifo = _dir.File("fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!)
            mkfifo.WaitForExit();
        var target = _dir.File("target.jpg");
        File.WriteAllBytes(target, [1]);
        var link = _dir.File("link.jpg");
        File.CreateSymbolicLink(link, target);
        var folder = _dir.File("folder");
        Directory.CreateDirectory(folder);

        foreach (var path in new[] { fifo, link, folder })
        {
            var result = await Task.Run(() => RegularFile.TryOpenRead(path, out _)).WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(RegularFile.OpenResult.NotRegular, result);
        }
    }

    [Fact]
    public void TryOpenRead_NothingThere_IsMissing() =>
        Assert.Equal(RegularFile.OpenResult.Missing, RegularFile.TryOpenRead(_dir.File("absent.jpg"), out _));
}
