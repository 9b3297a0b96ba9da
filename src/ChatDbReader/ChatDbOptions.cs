namespace LineAgent.ChatDbReader;

/// <summary>How <see cref="ChatDb"/> reads. Defaults suit the agent.</summary>
public sealed record ChatDbOptions
{
    /// <summary>
    /// True (default): decode attributedBody of every row, so <see cref="Records.MessageRecord.Body"/> has parts
    /// (attachment GUIDs, mentions, links). False: decode only rows whose text column is NULL — enough for
    /// <see cref="Records.MessageRecord.Text"/>, and faster for bulk export.
    /// </summary>
    public bool DecodeAllBodies { get; init; } = true;

    /// <summary>Message rows read per query (chats and attachments are then read once per batch). Default 500.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>SQLite busy timeout while Messages holds a write lock. Default 5 s (imsg uses the same).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
