using Grpc.Core;
using LineAgent.ChatDbReader;
using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Grpc.Errors;

/// <summary>Statuses for exceptions thrown by libraries below the API (SQLite, file system, timeouts).</summary>
public static class KnownExceptionMapper
{
    // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the lock; a retry soon succeeds.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>The status for <paramref name="ex"/>, or null when it is not a known kind (then INTERNAL).</summary>
    public static (StatusCode Code, string Message)? TryMap(Exception ex) => ex switch
    {
        // The reader's messages name the fix (grant Full Disk Access to …, check the path …).
        ChatDbOpenException { Reason: ChatDbOpenFailure.Other } open => (StatusCode.Unavailable, open.Message),
        ChatDbOpenException open => (StatusCode.FailedPrecondition, open.Message),
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } =>
            (StatusCode.Unavailable, "The database is busy; retry shortly."),
        TimeoutException => (StatusCode.Unavailable, "The operation timed out inside the agent; retry shortly."),
        _ => null,
    };
}
