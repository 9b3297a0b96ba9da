using Microsoft.Data.Sqlite;

namespace LineAgent.Agent.Journal;

// The one write transaction: events, the source cursor and whatever shares it (the outbox), then the append signal.
public sealed partial class JournalStore
{
    /// <summary>
    /// Appends <paramref name="events"/> and, in the same transaction, moves <paramref name="cursor"/>'s source and
    /// runs <paramref name="alsoInTransaction"/> (e.g. an outbox state change). Events whose id the journal
    /// already holds are skipped (counted in <see cref="JournalAppendResult.Duplicates"/>), and so are repeats
    /// within the batch. Nothing is written if anything throws. Waiters are woken after the commit.
    /// </summary>
    public JournalAppendResult Append(
        IReadOnlyList<NewJournalEvent> events,
        JournalCursorUpdate? cursor = null,
        Action<SqliteTransaction>? alsoInTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var appended = new List<JournalEvent>(events.Count);
        var duplicates = 0;
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            using (var tx = _writer.BeginTransaction())
            {
                _insertEvent.Transaction = tx;
                foreach (var e in events)
                {
                    var result = InsertEvent(e, now);
                    if (result is long assigned)
                        appended.Add(new JournalEvent(assigned, e.Id, e.Type, e.OccurredAt.ToUniversalTime(), e.ChatGuid, e.MessageGuid, e.DataJson));
                    else
                        duplicates++;
                }

                if (cursor is not null)
                    WriteCursor(tx, cursor, now);
                alsoInTransaction?.Invoke(tx);
                tx.Commit();
            }

            if (appended.Count > 0)
            {
                InterlockedMax(ref _lastCursor, appended[^1].Cursor);
                Interlocked.Exchange(ref _appendSignal, NewSignal()).TrySetResult();
            }
        }

        if (duplicates > 0)
            JournalLog.DuplicatesSkipped(_logger, duplicates);
        if (appended.Count > 0)
            NotifyAppended(appended);
        return new JournalAppendResult(appended, duplicates);
    }

    /// <summary>
    /// Raised after each commit that added events (outside the write lock), with the events just appended.
    /// Observers (metrics) must be cheap; an observer that throws is logged and never fails the append,
    /// because the events are already durable.
    /// </summary>
    public event Action<IReadOnlyList<JournalEvent>>? Appended;

    private void NotifyAppended(IReadOnlyList<JournalEvent> appended)
    {
        try
        {
            Appended?.Invoke(appended);
        }
        catch (Exception ex)
        {
            JournalLog.AppendObserverFailed(_logger, ex);
        }
    }

    /// <summary>Completes as soon as the journal holds a cursor greater than <paramref name="afterCursor"/>.</summary>
    /// <remarks>
    /// Appends in this process complete it at once; appends by another process are noticed within
    /// <see cref="JournalOptions.ExternalAppendPollInterval"/>.
    /// </remarks>
    public async Task WaitForAppendAsync(long afterCursor, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var signal = Volatile.Read(ref _appendSignal);
            if (Volatile.Read(ref _lastCursor) > afterCursor)
                return;
            try
            {
                await signal.Task.WaitAsync(_options.ExternalAppendPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _ = LastCursor; // refreshes _lastCursor from the file
            }
        }
    }

    private long? InsertEvent(NewJournalEvent e, DateTimeOffset now)
    {
        var p = _insertEvent.Parameters;
        p[0].Value = e.Id;
        p[1].Value = e.Type;
        p[2].Value = e.OccurredAt.ToUnixTimeMilliseconds();
        p[3].Value = (object?)e.ChatGuid ?? DBNull.Value;
        p[4].Value = (object?)e.MessageGuid ?? DBNull.Value;
        p[5].Value = e.DataJson;
        p[6].Value = now.ToUnixTimeMilliseconds();
        var encoded = Encode(e);
        p[7].Value = (object?)encoded ?? DBNull.Value;
        p[8].Value = encoded is null ? DBNull.Value : _encoder!.Format;
        return _insertEvent.ExecuteScalar() is long cursor ? cursor : null;
    }

    /// <summary>The encoder's form of <paramref name="e"/> as it will be read back (occurred_at in whole milliseconds).</summary>
    private byte[]? Encode(NewJournalEvent e)
    {
        if (_encoder is null)
            return null;
        var stored = new JournalEvent(0, e.Id, e.Type, DateTimeOffset.FromUnixTimeMilliseconds(e.OccurredAt.ToUnixTimeMilliseconds()),
            e.ChatGuid, e.MessageGuid, e.DataJson);
        try
        {
            return _encoder.Encode(stored);
        }
        catch (Exception ex) // the event is journaled regardless; readers decode a row without its encoded form
        {
            JournalLog.EncodeFailed(_logger, e.Type, ex);
            return null;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
