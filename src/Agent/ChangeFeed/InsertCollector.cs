using LineAgent.ChatDbReader.Time;
using Microsoft.Extensions.Logging;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// New message rows (ROWID above the watermark) become events, in ROWID order. Messages writes a message row and its
/// chat_message_join row in separate transactions, so a row without a chat is held (with everything after it, to
/// keep order) until the join shows up or <see cref="ChangeFeedOptions.JoinWait"/> runs out.
/// </summary>
internal sealed class InsertCollector(ChangeFeedOptions options, ILogger logger)
{
    private readonly HashSet<string> _loggedBodyErrors = new(StringComparer.Ordinal);
    private (long RowId, DateTimeOffset FirstSeen)? _heldRow;

    /// <summary>Since when the held row has waited for its chat join; null when none is held.</summary>
    public DateTimeOffset? HeldSince => _heldRow?.FirstSeen;

    /// <summary>True when a row is held and its wait is over (the next pass must read even if nothing changed).</summary>
    public bool HeldExpired(DateTimeOffset now) => _heldRow is { } held && now - held.FirstSeen >= options.JoinWait;

    /// <summary>Forgets the held row (chat.db was replaced: ROWIDs mean something else now).</summary>
    public void Release() => _heldRow = null;

    /// <summary>Reads new rows into <paramref name="pass"/>. Returns true when a row is being held for its chat join.</summary>
    public bool Collect(FeedPass pass, ChatDatabase db, DateTimeOffset now)
    {
        // Fingerprints first, rows second: a record is never older than the fingerprint stored for it, so an update
        // that lands in between is seen again by the next comparison rather than lost.
        var fingerprints = db.Fingerprints(pass.Position.Watermark, long.MaxValue, options.BatchSize);
        if (fingerprints.Count == 0)
            return false;
        var byRow = fingerprints.ToDictionary(f => f.RowId, f => f.Value);
        var held = false;
        foreach (var record in db.ReadMessagesInRange(fingerprints[0].RowId, fingerprints[^1].RowId))
        {
            if (!byRow.TryGetValue(record.RowId, out var fingerprint))
                continue;
            if (record.ChatGuids.Count == 0 && options.JoinWait > TimeSpan.Zero)
            {
                if (_heldRow?.RowId != record.RowId)
                    _heldRow = (record.RowId, now);
                if (now - _heldRow.Value.FirstSeen < options.JoinWait)
                {
                    held = true;
                    break;
                }
                ChangeFeedLog.JoinWaitExpired(logger, record.Guid, record.RowId, options.JoinWait);
            }
            if (_heldRow?.RowId == record.RowId)
                _heldRow = null;

            try
            {
                if (record.BodyError is { } bodyError && _loggedBodyErrors.Add(record.Guid))
                    ChangeFeedLog.BodyUndecodable(logger, record.Guid, record.RowId, bodyError.ToString());
                pass.Events.AddRange(EventMapper.Inserted(record));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                ChangeFeedLog.RowSkipped(logger, record.RowId, ex);
            }
            pass.Upserts[record.RowId] = fingerprint;
            pass.Position = pass.Position with
            {
                Watermark = record.RowId,
                WatermarkGuid = record.Guid,
                WatermarkDate = record.Date is { } d ? AppleTime.FromDateTimeOffset(d) : null,
            };
        }
        if (_loggedBodyErrors.Count > 10_000)
            _loggedBodyErrors.Clear();
        pass.MoreWork |= !held && fingerprints.Count == options.BatchSize;
        return held;
    }
}
