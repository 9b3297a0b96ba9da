using System.Diagnostics;
using LineAgent.Agent.Tests.TestSupport;
using LineAgent.FakeChatDb;

namespace LineAgent.Agent.Tests.ChatDb;

/// <summary>
/// Issue 9.13: a WAL-mode chat.db copied into a folder the reader cannot write, without its -shm (a backup, a
/// forensic copy, a read-only mount). Run as a user that really cannot write there: as root (CI) through
/// <c>runuser -u nobody</c>, otherwise as this user.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are the point of these tests
public sealed class ReadOnlyCopyTests : IDisposable
{
    private const string Customer = "+15550001111";
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        foreach (var d in Directory.EnumerateDirectories(_dir.Path))
            File.SetUnixFileMode(d, (UnixFileMode)0b111_101_101);
        _dir.Dispose();
    }

    [Fact]
    public async Task ExportReadsACompleteCopyWithoutWalOrShm_InAFolderItCannotWrite()
    {
        if (!CanRunAsOtherUser(out var why)) { Console.WriteLine("skipped: " + why); return; }
        var copy = Path.Combine(_dir.Path, "backup", "chat.db");
        using (var db = FakeChatDatabase.Create(copy, SchemaVariant.Sequoia))
        {
            var chat = db.EnsureDirectChat(Customer);
            for (var i = 0; i < 3; i++)
                db.ReceiveText(chat, Customer, "kept " + i);
            db.Checkpoint();
        }
        File.Delete(copy + "-wal");
        File.Delete(copy + "-shm");
        SealFolder(copy);

        var (exit, stdout, stderr) = await ExportAsync(copy);

        Assert.True(exit == 0, $"export failed ({exit}): {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("kept 2", lines[2]);
        Assert.Equal(["chat.db"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(copy)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task CopyWithWalButNoShm_SaysExactlyWhatToDo()
    {
        if (!CanRunAsOtherUser(out var why)) { Console.WriteLine("skipped: " + why); return; }
        var live = Path.Combine(_dir.Path, "live", "chat.db");
        var copy = Path.Combine(_dir.Path, "copy", "chat.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        using (var db = FakeChatDatabase.Create(live, SchemaVariant.Sequoia))
        {
            db.ReceiveText(db.EnsureDirectChat(Customer), Customer, "only in the WAL");
            // Copied while open, as a backup tool would: the newest row is only in chat.db-wal.
            File.Copy(live, copy);
            File.Copy(live + "-wal", copy + "-wal");
        }
        SealFolder(copy);

        var (exit, _, stderr) = await ExportAsync(copy);

        Assert.NotEqual(0, exit);
        Assert.Contains("Copy chat.db together with chat.db-wal", stderr);
        Assert.Contains("to a folder this user can write", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    /// <summary>Files readable by everyone, the folder read-only for everyone (0555).</summary>
    private static void SealFolder(string chatDb)
    {
        foreach (var f in Directory.EnumerateFiles(Path.GetDirectoryName(chatDb)!))
            File.SetUnixFileMode(f, (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(Path.GetDirectoryName(chatDb)!, (UnixFileMode)0b101_101_101);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static bool CanRunAsOtherUser(out string why)
    {
        why = "";
        if (!IsRoot)
            return true; // this user cannot write the sealed folder either
        if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser") || File.Exists("/usr/bin/runuser"))
            return true;
        why = "running as root without runuser: root may write any folder, so the case cannot be produced";
        return false;
    }

    /// <summary>`lineagent export --chat-db path`, in a child process (as nobody when this is root).</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> ExportAsync(string chatDb)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lineagent.dll");
        var psi = IsRoot ? new ProcessStartInfo("runuser", ["-u", "nobody", "--", "dotnet", dll, "export", "--chat-db", chatDb])
                         : new ProcessStartInfo("dotnet", [dll, "export", "--chat-db", chatDb]);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
