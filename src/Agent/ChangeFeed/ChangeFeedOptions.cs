using System.ComponentModel.DataAnnotations;

namespace LineAgent.Agent.ChangeFeed;

/// <summary>The chat.db change feed (section "ChangeFeed"). chat.db's path is <c>Agent:ChatDbPath</c>.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>Master switch: false leaves chat.db alone (e.g. an outbox-only test host). Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Watch the Messages directory for file events (chat.db, -wal, -shm) to notice changes at once. False: rely on
    /// the poll alone. Default: true.
    /// </summary>
    public bool WatchFiles { get; set; } = true;

    /// <summary>
    /// Fallback poll: how often chat.db is checked (a PRAGMA data_version, microseconds) even without a file event.
    /// File events get lost (a recreated -wal, a busy FSEvents queue), so they only ever make the feed faster.
    /// Default: 1 second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// After a file event, wait this long for more before reading. Default: zero (read at once): the pass starts with a
    /// PRAGMA data_version, so a pass woken by the first WAL write of a commit that is not visible yet costs tens of
    /// microseconds, and quick re-checks (1, 2, 4 … ms) find the commit when it becomes visible, while a fixed wait
    /// added its whole length to every message's latency (issue 15).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan Debounce { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Messages writes a message row and its chat_message_join row in separate transactions: a new row without a chat
    /// is held this long for its join, then emitted with no chat. Default: 500 ms (imessage-kit waits ~400 ms).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan JoinWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How many of the newest message rows are compared every <see cref="FullScanInterval"/> for in-place updates
    /// (receipts, errors, edits, unsends, attachment transfers), whatever their date; also the size of each slice of
    /// older rows compared in turn (see <see cref="UpdateWindowAge"/>). Default: 5,000.
    /// </summary>
    [Range(100, 1_000_000)]
    public int UpdateWindowRows { get; set; } = 5_000;

    /// <summary>
    /// How far back, by message.date, rows are watched for in-place updates. The guarantee: a change Messages writes
    /// into a row is journaled (also across restarts, the fingerprints are journaled) when the row is among the
    /// newest <see cref="UpdateWindowRows"/>, or at or after the oldest row (lowest ROWID) dated within this window.
    /// The newest <see cref="UpdateHotRows"/> are compared every <see cref="UpdateScanInterval"/>, the newest
    /// <see cref="UpdateWindowRows"/> every <see cref="FullScanInterval"/>, and older rows of the window one slice of
    /// <see cref="UpdateWindowRows"/> per full comparison, in turn: with N rows in the window each is compared at
    /// least every N / UpdateWindowRows × FullScanInterval (e.g. 100,000 rows: every 20 s). Both bounds use indexes
    /// (message.date, ROWID); the journal keeps one fingerprint (~60 bytes) per watched row. Changes to rows older
    /// than both bounds are not reported. Zero: only the newest rows. Default: 7 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "366.00:00:00")]
    public TimeSpan UpdateWindowAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The update window is compared at most this often (new rows are read on every change regardless), bounding
    /// CPU when Messages commits hundreds of times a second. Default: 100 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan UpdateScanInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The newest rows compared every <see cref="UpdateScanInterval"/> (delivery and read receipts land there
    /// within seconds). Default: 500.
    /// </summary>
    [Range(1, 1_000_000)]
    public int UpdateHotRows { get; set; } = 500;

    /// <summary>The newest <see cref="UpdateWindowRows"/> rows (and one slice of older ones) are compared at most this often. Default: 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FullScanInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>New rows read (and journaled) per transaction. Default: 2,000.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 2_000;

    /// <summary>
    /// On the very first start the feed begins at the current end of chat.db (no flood of history) unless this is
    /// set: then messages written within this window before the start are journaled too. Default: zero (none).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan Backfill { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How long a chat.db read waits while Messages holds a lock before the pass is retried. Default: 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// chat.db is reopened at least this often, so a database replaced behind an open connection (restored from a
    /// backup, rebuilt by Messages) is noticed even if its file events were lost. Default: 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReopenInterval { get; set; } = TimeSpan.FromSeconds(30);
}
