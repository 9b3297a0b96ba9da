namespace LineAgent.Agent.Correlation;

/// <summary>Where one look at chat.db for a UI action's effect stands.</summary>
public enum StateOutcome
{
    /// <summary>Not (yet) seen; keep looking until the timeout.</summary>
    Pending,
    /// <summary>chat.db shows exactly the intended effect.</summary>
    Confirmed,
    /// <summary>chat.db shows Messages failed it (row error); nothing reached the other side.</summary>
    Failed,
    /// <summary>
    /// chat.db shows an effect, but not the intended one (a reply that went out unthreaded, a name sent as a message,
    /// the wrong chat): something happened in the UI that the agent did not mean. Unconfirmed, never retried.
    /// </summary>
    Misfired,
}

/// <summary>One look's answer.</summary>
/// <param name="Outcome">Where it stands.</param>
/// <param name="Reason">Why (for anything but Confirmed; for Pending, what has been seen so far, or null).</param>
/// <param name="MessageGuids">The rows to bind to the send (new rows, or the edited/unsent row).</param>
/// <param name="ChatGuid">The chat the effect is in.</param>
public sealed record StateCheck(StateOutcome Outcome, string? Reason = null, IReadOnlyList<string>? MessageGuids = null, string? ChatGuid = null)
{
    /// <summary>Nothing seen yet.</summary>
    public static StateCheck Pending { get; } = new(StateOutcome.Pending);
}

/// <summary>
/// The effect of a UI action in chat.db, checked by polling: rows above the snapshot (a reply, a rename row, the
/// rows of one multi-image send) or an existing row's or chat's state (an edit, an unsend, a chat marked read).
/// Every check reads only what the action must have produced, so it is the same before and after an agent restart.
/// </summary>
/// <param name="Description">For logs and error messages, e.g. "reply".</param>
/// <param name="Check">One look, given the MAX(ROWID) snapshot taken before the action.</param>
/// <param name="Timeout">How long to look.</param>
public sealed record StateExpectation(string Description, Func<long, StateCheck> Check, TimeSpan Timeout);
