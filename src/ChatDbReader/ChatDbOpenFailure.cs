namespace LineAgent.ChatDbReader;

/// <summary>Why <see cref="ChatDb.Open"/> (or a later read) could not use chat.db.</summary>
public enum ChatDbOpenFailure
{
    /// <summary>macOS privacy protection (TCC) refused access: SQLite 14 "unable to open database file" or 23
    /// "authorization denied" (the latter often only at the first query). Fixed by granting Full Disk Access.</summary>
    FullDiskAccessDenied,

    /// <summary>No file at the path (Messages never ran for this user, or the path is wrong).</summary>
    Missing,

    /// <summary>The file exists but is not an SQLite database (SQLite 26) or is corrupt (11).</summary>
    NotADatabase,

    /// <summary>An SQLite database without the message/chat/handle tables of chat.db.</summary>
    NotAChatDatabase,

    /// <summary>A WAL-mode copy whose chat.db-wal cannot be read: there is no chat.db-shm and SQLite may not create
    /// one in its folder (a backup, a forensic copy, a read-only mount). Fixed by copying chat.db and chat.db-wal to a
    /// writable folder.</summary>
    ReadOnlyLocation,

    /// <summary>Any other SQLite failure (busy, I/O, …); see the inner exception.</summary>
    Other,
}
