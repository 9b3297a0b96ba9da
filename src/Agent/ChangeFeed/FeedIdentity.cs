using LineAgent.Agent.Journal;
using LineAgent.ChatDbReader.Time;
using Microsoft.Extensions.Logging;
using ChatDatabase = LineAgent.ChatDbReader.ChatDb;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>
/// Is chat.db still the database the journaled position belongs to? Decides the first position, recognises a
/// replaced chat.db (new _UniqueIdentifier, ROWIDs gone backwards, the watermark row holding another guid) and
/// resynchronises: continue after the row the watermark pointed at, found by guid, else by date.
/// </summary>
internal sealed class FeedIdentity(ChangeFeedOptions options, ILogger logger)
{
    /// <summary>No position yet: start at the newest row (or <see cref="ChangeFeedOptions.Backfill"/> back).</summary>
    public FeedPass FirstStart(ChatDatabase db, DateTimeOffset now)
    {
        var watermark = db.MaxMessageRowId();
        if (options.Backfill > TimeSpan.Zero)
        {
            var first = db.FirstRowAtOrAfter(AppleTime.FromDateTimeOffset(now - options.Backfill));
            watermark = first is long f ? f - 1 : watermark;
        }
        ChangeFeedLog.FirstStart(logger, watermark, options.Backfill);
        var pass = new FeedPass { Position = new FeedPosition() };
        Baseline(pass, db, watermark, now);
        return pass;
    }

    /// <summary>
    /// Checks a newly opened chat.db against <paramref name="position"/>: null when it matches and nothing needs
    /// journaling, else a pass that records the identity or resynchronises.
    /// </summary>
    public FeedPass? Verify(ChatDatabase db, FeedPosition position, DateTimeOffset now)
    {
        string? reason = null;
        var identity = db.UniqueIdentifier();
        if (position.Identity is not null && identity is not null && identity != position.Identity)
            reason = $"its _UniqueIdentifier changed from {position.Identity} to {identity}";

        var max = db.MaxMessageRowId();
        if (reason is null && Math.Max(max, db.MessageSequence() ?? 0) < position.Watermark)
            reason = $"ROWIDs went backwards: the highest message ROWID is {max}, the feed was at {position.Watermark}";

        if (reason is null && position.WatermarkGuid is { } guid)
        {
            var atWatermark = db.GuidAt(position.Watermark);
            if (atWatermark is not null && atWatermark != guid)
                reason = $"ROWID {position.Watermark} now holds message {atWatermark} instead of {guid}";
            else if (atWatermark is null && db.RowIdOf(guid) is long moved && moved != position.Watermark)
                reason = $"message {guid} moved from ROWID {position.Watermark} to {moved}";
        }

        if (reason is null)
        {
            if (position.Identity is null && identity is not null)
            {
                var touched = new FeedPass { Position = position with { Identity = identity } };
                touched.Cursor = new JournalCursorUpdate(FeedPosition.Source, touched.Position.ToJson());
                return touched;
            }
            return null;
        }

        var pass = new FeedPass { Position = position };
        Resync(pass, db, reason, now);
        return pass;
    }

    /// <summary>chat.db replaced in place (same path, same open connection): ROWIDs went below the watermark.</summary>
    public static bool RowIdsWentBackwards(ChatDatabase db, FeedPosition position) =>
        db.MaxMessageRowId() < position.Watermark && (db.MessageSequence() ?? 0) < position.Watermark;

    /// <summary>
    /// chat.db was replaced: continue after the row the watermark pointed at (found by guid, else by date) and
    /// re-baseline the update window. Rows after the anchor that were already journaled map to the same ids, so the
    /// journal skips them: nothing is lost, nothing doubled.
    /// </summary>
    public void Resync(FeedPass pass, ChatDatabase db, string reason, DateTimeOffset now)
    {
        var old = pass.Position;
        var anchor = (old.WatermarkGuid is { } g ? db.RowIdOf(g) : null)
            ?? (old.WatermarkDate is long d ? db.LastRowAtOrBefore(d) ?? 0 : db.MaxMessageRowId());
        ChangeFeedLog.Resync(logger, reason, anchor);
        Baseline(pass, db, anchor, now);
        // chat.read timestamps are absolute (not ROWIDs): keep the high-water mark.
        pass.Position = pass.Position with { ChatReadHighWater = Math.Max(pass.Position.ChatReadHighWater, old.ChatReadHighWater) };
    }

    private void Baseline(FeedPass pass, ChatDatabase db, long watermark, DateTimeOffset now)
    {
        pass.ClearState = true;
        pass.Position = new FeedPosition
        {
            Watermark = watermark,
            WatermarkGuid = db.GuidAt(watermark),
            WatermarkDate = db.DateAt(watermark),
            ChatWatermark = db.MaxChatRowId(),
            ChatReadHighWater = db.MaxChatLastRead(),
            Identity = db.UniqueIdentifier(),
        };
        UpdateWindow.Baseline(pass, db, watermark, now, options);
        pass.RemoveBelow = null;
        pass.Cursor = new JournalCursorUpdate(FeedPosition.Source, pass.Position.ToJson())
        {
            ClearState = true,
            StateUpserts = pass.Upserts,
        };
    }
}
