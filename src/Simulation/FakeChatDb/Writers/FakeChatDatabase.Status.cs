namespace LineAgent.FakeChatDb;

public sealed partial class FakeChatDatabase
{
    /// <summary>The send completed: is_sent = 1, is_finished = 1 (in-place UPDATE, as Messages does).</summary>
    public void MarkSent(FakeMessage message) =>
        Execute("UPDATE message SET is_sent = 1, is_finished = 1 WHERE ROWID = $id", ("$id", message.RowId));

    /// <summary>The recipient's device acknowledged: is_delivered = 1, date_delivered (in place).</summary>
    public void MarkDelivered(FakeMessage message, DateTimeOffset? at = null) =>
        Execute("UPDATE message SET is_delivered = 1, date_delivered = $d WHERE ROWID = $id",
            ("$d", ToAppleNanoseconds(at ?? Clock())), ("$id", message.RowId));

    /// <summary>Read: is_read = 1, date_read (incoming: the owner read it; outgoing: the recipient did).</summary>
    public void MarkRead(FakeMessage message, DateTimeOffset? at = null) =>
        Execute("UPDATE message SET is_read = 1, date_read = $d WHERE ROWID = $id",
            ("$d", ToAppleNanoseconds(at ?? Clock())), ("$id", message.RowId));

    /// <summary>The send failed: error != 0, is_sent 0, is_finished 1 (Apple's trigger records lastFailedMessageDate in kvtable).</summary>
    public void MarkFailed(FakeMessage message, int error = 4) =>
        Execute("UPDATE message SET error = $e, is_sent = 0, is_finished = 1 WHERE ROWID = $id", ("$e", error), ("$id", message.RowId));
}
