using Microsoft.Extensions.Logging;

namespace LineAgent.Agent.Journal;

/// <summary>Log messages of the journal (EventIds 3100–3199).</summary>
internal static partial class JournalLog
{
    [LoggerMessage(3100, LogLevel.Debug, "Journal opened at {Path}, last cursor {LastCursor}", EventName = "JournalOpened")]
    public static partial void Opened(ILogger logger, string path, long lastCursor);

    [LoggerMessage(3101, LogLevel.Debug, "Skipped {Count} event(s) the journal already holds", EventName = "JournalDuplicatesSkipped")]
    public static partial void DuplicatesSkipped(ILogger logger, int count);

    [LoggerMessage(3102, LogLevel.Information, "Pruned {Count} journal event(s) (older than {MaxAge} or beyond the newest {MaxEvents})", EventName = "JournalPruned")]
    public static partial void Pruned(ILogger logger, long count, TimeSpan maxAge, int maxEvents);

    [LoggerMessage(3103, LogLevel.Error, "Pruning the journal failed; retrying at the next interval", EventName = "JournalPruneFailed")]
    public static partial void PruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(3104, LogLevel.Warning, "An observer of journal appends failed; the events are durable regardless", EventName = "JournalAppendObserverFailed")]
    public static partial void AppendObserverFailed(ILogger logger, Exception exception);

    [LoggerMessage(3105, LogLevel.Warning, "Encoding a {Type} event for its readers failed; it is journaled and read without its encoded form", EventName = "JournalEncodeFailed")]
    public static partial void EncodeFailed(ILogger logger, string type, Exception exception);
}
