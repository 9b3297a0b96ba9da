using LineAgent.Agent.ChatDb;
using LineAgent.ChatDbReader;

namespace LineAgent.Agent.Operations.Doctor.Checks;

/// <summary>
/// Full Disk Access, proven the only reliable way: open chat.db read-only and run SELECT MAX(ROWID) FROM message
/// (mautrix's check). Without the grant macOS refuses the open ("authorization denied") or hides ~/Library/Messages.
/// On Linux there is no TCC; the query still runs when the configured chat.db exists (the sandbox's fake one).
/// </summary>
public sealed class FullDiskAccessCheck : DoctorCheck
{
    public override string Id => "full-disk-access";
    public override string Title => "Full Disk Access (chat.db)";

    public override Task<DoctorCheckResult> RunAsync(DoctorContext context, CancellationToken cancellationToken)
    {
        if (!context.IsMacOS && !File.Exists(context.ChatDbPath))
            return Task.FromResult(NotApplicable($"Full Disk Access is a macOS grant, and there is no chat.db at {context.ChatDbPath}"));
        return Task.FromResult(Query(context));
    }

    private DoctorCheckResult Query(DoctorContext context)
    {
        var path = context.ChatDbPath;
        var fix = $"System Settings › Privacy & Security › Full Disk Access › add and turn on LineAgent.app (for this doctor run also " +
                  $"{context.ProcessPath} or its terminal); if it is already on, turn it off and on again (grants go stale after updates): " +
                  SystemSettings.Open(SystemSettings.FullDiskAccess);
        if (context.IsMacOS && !CanListDirectory(Path.GetDirectoryName(path)!))
            return Fail($"cannot list {Path.GetDirectoryName(path)}: this process lacks Full Disk Access", fix);
        if (!File.Exists(path))
            return Fail($"{path} does not exist", "open Messages and sign in to iMessage once (it creates chat.db), or set Agent:ChatDbPath");
        try
        {
            // Through the agent's one door: SQLite's read-only open, never a plain file open (that would drop locks).
            using var db = new ChatDbSource(path).Open();
            var max = db.MaxMessageRowId();
            return max == 0
                ? Pass($"{path} readable; no messages yet")
                : Pass($"{path} readable; newest message ROWID {max}");
        }
        catch (ChatDbOpenException ex) when (ex.Reason is ChatDbOpenFailure.FullDiskAccessDenied)
        {
            var why = ex.InnerException?.Message ?? ex.Message;
            return context.IsMacOS
                ? Fail($"cannot open {path}: {why}", fix)
                : Fail($"cannot open {path}: {why}", $"check the file's permissions: ls -l '{path}'");
        }
        catch (ChatDbOpenException ex)
        {
            return Fail($"cannot query {path}: {ex.InnerException?.Message ?? ex.Message}",
                "check Agent:ChatDbPath points at Messages' chat.db (sqlite3 '<path>' 'pragma quick_check;')");
        }
    }

    private static bool CanListDirectory(string directory)
    {
        try
        {
            _ = Directory.EnumerateFileSystemEntries(directory).FirstOrDefault();
            return true;
        }
        catch (UnauthorizedAccessException) { return false; }
        catch (DirectoryNotFoundException) { return true; } // reported as a missing chat.db instead
        catch (IOException) { return false; }
    }
}
