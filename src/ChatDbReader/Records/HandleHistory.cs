namespace LineAgent.ChatDbReader.Records;

/// <summary>
/// What chat.db's history says about reaching one handle (1:1 chats with it only; groups say nothing about one member).
/// </summary>
/// <param name="Handle">The handle asked about.</param>
/// <param name="DeliveredCount">Own iMessage rows to it with a delivery receipt.</param>
/// <param name="LastDeliveredAt">The newest of those (its date_delivered, else its date).</param>
/// <param name="FailedCount">Own rows to it that Messages marked failed (error ≠ 0, e.g. 22 "not delivered").</param>
/// <param name="LastFailedAt">The newest of those (its date).</param>
/// <param name="LastFailedError">That row's error code.</param>
/// <param name="ReceivedIMessageCount">iMessages received from it (it is on iMessage, or was).</param>
/// <param name="LastReceivedIMessageAt">The newest of those.</param>
public sealed record HandleHistory(
    string Handle,
    long DeliveredCount,
    DateTimeOffset? LastDeliveredAt,
    long FailedCount,
    DateTimeOffset? LastFailedAt,
    long? LastFailedError,
    long ReceivedIMessageCount,
    DateTimeOffset? LastReceivedIMessageAt);
