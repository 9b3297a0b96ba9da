using Microsoft.Data.Sqlite;

namespace LineAgent.ChatDbReader;

/// <summary>Maps SQLite failures on chat.db to <see cref="ChatDbOpenException"/> with operator-facing text.</summary>
internal static class ChatDbErrors
{
    // SQLite primary result codes (sqlite3.h).
    private const int SqliteReadOnly = 8;
    private const int SqliteCorrupt = 11;
    private const int SqliteCantOpen = 14;
    private const int SqliteAuth = 23;
    private const int SqliteNotADb = 26;

    /// <summary>
    /// Without Full Disk Access macOS (TCC) makes open() fail, which SQLite reports as 14 "unable to open database
    /// file", or lets the open succeed and fails the first query with 23 "authorization denied" (imessage-exporter
    /// #68, openclaw/imsg #32). Both become <see cref="ChatDbOpenFailure.FullDiskAccessDenied"/>, unless the file is
    /// simply absent.
    /// </summary>
    public static ChatDbOpenException Translate(SqliteException ex, string path)
    {
        var primary = ex.SqliteErrorCode & 0xFF;
        return primary switch
        {
            SqliteCantOpen when IsAbsent(path) => Missing(path, ex),
            // A -wal without its -shm (a copy): SQLite must create the -shm and the folder does not let it.
            SqliteCantOpen when File.Exists(path + "-wal") && !File.Exists(path + "-shm") => ReadOnlyLocation(path, ex),
            SqliteCantOpen or SqliteAuth => FullDiskAccess(path, ex),
            SqliteReadOnly => ReadOnlyLocation(path, ex),
            SqliteNotADb or SqliteCorrupt => new ChatDbOpenException(ChatDbOpenFailure.NotADatabase, path,
                $"{path} is not a readable SQLite database (SQLite error {ex.SqliteErrorCode}: {ex.Message}). Point --chat-db/Agent:ChatDbPath at Messages' chat.db.", ex),
            _ => new ChatDbOpenException(ChatDbOpenFailure.Other, path,
                $"Could not read {path} (SQLite error {ex.SqliteErrorCode}: {ex.Message}).", ex),
        };
    }

    private static ChatDbOpenException ReadOnlyLocation(string path, SqliteException ex) =>
        new(ChatDbOpenFailure.ReadOnlyLocation, path,
            $"{path} is in WAL mode and SQLite cannot create its shared-memory file {path}-shm in {System.IO.Path.GetDirectoryName(path)} " +
            $"(SQLite error {ex.SqliteErrorCode}: {ex.Message.TrimEnd('.')}). Copy chat.db together with chat.db-wal (and chat.db-shm if present) " +
            "to a folder this user can write, and point --chat-db/Agent:ChatDbPath at the copy.", ex);

    public static ChatDbOpenException Missing(string path, Exception? inner = null) =>
        new(ChatDbOpenFailure.Missing, path,
            $"No chat.db at {path}. Check the path (Messages keeps it at ~/Library/Messages/chat.db) and that Messages has been signed in on this Mac.", inner);

    public static ChatDbOpenException FullDiskAccess(string path, Exception? inner) =>
        new(ChatDbOpenFailure.FullDiskAccessDenied, path,
            $"macOS denied access to {path} ({Describe(inner)}). Grant Full Disk Access to {ProcessDescription()}: " +
            "System Settings › Privacy & Security › Full Disk Access, add it with +, switch it on, then restart it. " +
            "If it is already listed (e.g. after an update), switch it off and on again. " +
            "When started from a terminal or another app, that app is the one macOS checks and needs the grant.", inner);

    /// <summary>The executable macOS checks: Environment.ProcessPath (for `dotnet lineagent.dll` that is the dotnet host).</summary>
    private static string ProcessDescription()
    {
        var process = Environment.ProcessPath ?? "this process";
        return $"the process {process}";
    }

    private static string Describe(Exception? inner) => inner is SqliteException s
        ? $"SQLite error {s.SqliteErrorCode}: {s.Message.TrimEnd('.')}"
        : inner?.Message ?? "access denied";

    /// <summary>
    /// True only when the file is really not there (ENOENT with every ancestor a directory). A TCC denial makes stat
    /// fail with EPERM (UnauthorizedAccessException), which is not "absent": File.Exists would say false for both.
    /// </summary>
    public static bool IsAbsent(string path)
    {
        try
        {
            File.GetAttributes(path);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return !ParentBlocksLookup(path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    // "/tmp/x/file/chat.db" where "file" is a regular file: the path cannot exist, but the failure is not "missing"
    // in the sense of "Messages never ran" — it is an unreadable location. Missing only when the parent directory exists.
    private static bool ParentBlocksLookup(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        while (!string.IsNullOrEmpty(dir))
        {
            if (File.Exists(dir)) return true;
            if (Directory.Exists(dir)) return false;
            dir = System.IO.Path.GetDirectoryName(dir);
        }
        return false;
    }
}
