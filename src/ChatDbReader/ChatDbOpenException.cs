namespace LineAgent.ChatDbReader;

/// <summary>
/// chat.db could not be opened or read: the one exception <see cref="ChatDb"/> throws for chat.db failures, on open
/// and on every later read (callers never see an SqliteException). <see cref="Exception.Message"/> is written for the
/// operator: for <see cref="ChatDbOpenFailure.FullDiskAccessDenied"/> it names the process to grant Full Disk Access to.
/// </summary>
public sealed class ChatDbOpenException : Exception
{
    public ChatDbOpenException(ChatDbOpenFailure reason, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Reason = reason;
        Path = path;
    }

    /// <summary>What went wrong.</summary>
    public ChatDbOpenFailure Reason { get; }

    /// <summary>The chat.db path that was opened.</summary>
    public string Path { get; }

    /// <summary>The SQLite result code behind the failure, when there was one (14, 23, 26 …).</summary>
    public int? SqliteErrorCode => (InnerException as Microsoft.Data.Sqlite.SqliteException)?.SqliteErrorCode;
}
