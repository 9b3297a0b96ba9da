namespace LineAgent.Agent.Outbox;

/// <summary>Where a send is in its life (stored as lower-case text; the proto's SendState mirrors it).</summary>
public enum SendState
{
    /// <summary>Accepted, waiting its turn (sends are serial and paced per line).</summary>
    Queued,
    /// <summary>Being handed to Messages now.</summary>
    Sending,
    /// <summary>Its row(s) were found in chat.db; message GUIDs are bound.</summary>
    Sent,
    /// <summary>Failed: nothing was sent (or Messages reported the row as failed / not delivered).</summary>
    Failed,
    /// <summary>Messages may or may not have sent it; never retried automatically.</summary>
    Unconfirmed,
}

/// <summary>Receipt progress after <see cref="SendState.Sent"/>, from the rows' is_delivered / date_read.</summary>
public enum DeliveryState
{
    None,
    Delivered,
    Read,
}
