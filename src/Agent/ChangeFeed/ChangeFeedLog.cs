using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>Log messages of the chat.db change feed (EventIds 3000–3099). Quiet at Information.</summary>
internal static partial class ChangeFeedLog
{
    [LoggerMessage(3000, LogLevel.Information, "Change feed started on {ChatDbPath} at message ROWID {Watermark}", EventName = "FeedStarted")]
    public static partial void Started(ILogger logger, string chatDbPath, long watermark);

    [LoggerMessage(3001, LogLevel.Information, "First start: the feed begins at message ROWID {Watermark} (backfill {Backfill})", EventName = "FeedFirstStart")]
    public static partial void FirstStart(ILogger logger, long watermark, TimeSpan backfill);

    [LoggerMessage(3002, LogLevel.Warning, "chat.db was replaced ({Reason}); resynchronising from message ROWID {Watermark}", EventName = "FeedResync")]
    public static partial void Resync(ILogger logger, string reason, long watermark);

    [LoggerMessage(3003, LogLevel.Warning, "chat.db cannot be read ({Reason}); retrying every {PollInterval}", EventName = "ChatDbUnavailable")]
    public static partial void Unavailable(ILogger logger, string reason, TimeSpan pollInterval);

    [LoggerMessage(3004, LogLevel.Information, "chat.db is readable again", EventName = "ChatDbAvailable")]
    public static partial void Available(ILogger logger);

    [LoggerMessage(3005, LogLevel.Debug, "chat.db is busy or locked; retrying", EventName = "ChatDbBusy")]
    public static partial void Busy(ILogger logger);

    [LoggerMessage(3006, LogLevel.Debug, "Journaled {Count} event(s); watermark {Watermark}", EventName = "FeedAppended")]
    public static partial void Appended(ILogger logger, int count, long watermark);

    [LoggerMessage(3007, LogLevel.Debug, "Message {MessageGuid} (ROWID {RowId}) got no chat within {JoinWait}; emitting without one", EventName = "JoinWaitExpired")]
    public static partial void JoinWaitExpired(ILogger logger, string messageGuid, long rowId, TimeSpan joinWait);

    [LoggerMessage(3008, LogLevel.Error, "Message {MessageGuid} (ROWID {RowId}): attributedBody could not be decoded ({BodyError}); emitted with the text column's value", EventName = "BodyUndecodable")]
    public static partial void BodyUndecodable(ILogger logger, string messageGuid, long rowId, string bodyError);

    [LoggerMessage(3009, LogLevel.Error, "Message ROWID {RowId} could not be read or mapped; it is skipped", EventName = "RowSkipped")]
    public static partial void RowSkipped(ILogger logger, long rowId, Exception exception);

    [LoggerMessage(3010, LogLevel.Debug, "File watcher on {Directory} (re)armed", EventName = "WatcherArmed")]
    public static partial void WatcherArmed(ILogger logger, string directory);

    [LoggerMessage(3011, LogLevel.Debug, "File watcher on {Directory} failed; the fallback poll continues", EventName = "WatcherFailed")]
    public static partial void WatcherFailed(ILogger logger, string directory, Exception? exception);

    [LoggerMessage(3013, LogLevel.Debug, "chat.db {ChatDbPath} reopened at message ROWID {Watermark}", EventName = "FeedReopened")]
    public static partial void Reopened(ILogger logger, string chatDbPath, long watermark);

    [LoggerMessage(3012, LogLevel.Error, "Change feed cycle failed; retrying", EventName = "FeedCycleFailed")]
    public static partial void CycleFailed(ILogger logger, Exception exception);
}
