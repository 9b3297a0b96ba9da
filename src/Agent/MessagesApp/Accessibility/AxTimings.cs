namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// The accessibility driver's waits, from the peers' measured values (reference accessibility-automation.md §B).
/// Bound from "MessagesDriver:AccessibilityTimings"; tests shorten them against the simulator's shortened settles.
/// </summary>
public sealed class AxTimings
{
    /// <summary>How often a wait re-reads the tree. Default 50 ms (Beeper's selected-thread poll).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Main window lookup. Default 5 s (Beeper).</summary>
    public TimeSpan WindowTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Until the deep-linked conversation is proven selected. Default 3 s (Beeper 1.2 s + address resolution).</summary>
    public TimeSpan ConversationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Until the message cell a message-guid link selects is in the viewport. Default 1.5 s (Beeper 1 s).</summary>
    public TimeSpan MessageCellTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Until the tapback picker is up after its action. Default 1.5 s (Beeper waits 0.75 s, then looks 1.5 s).</summary>
    public TimeSpan PickerTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Until an overlay or sheet is gone after AXCancel. Default 1.2 s (Beeper).</summary>
    public TimeSpan OverlayTimeout { get; set; } = TimeSpan.FromSeconds(1.2);

    /// <summary>Until the compose field empties after Return. Default 1.5 s (Beeper); after that: unconfirmed, never Return again.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Until pasted files show in the compose field after Cmd-V. Default 2 s (Beeper pasteFileInBodyFieldAndSend).</summary>
    public TimeSpan PasteTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Until a value set on a field reads back. Default 1 s (Beeper assignToMessageField).</summary>
    public TimeSpan ValueTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most elements one search visits. Default 3600 (Beeper's traversal budget; blip aborts at 2000).</summary>
    public int NodeBudget { get; set; } = 3600;

    /// <summary>Deepest level one search descends to. Default 30 (blip).</summary>
    public int MaxDepth { get; set; } = 30;
}
