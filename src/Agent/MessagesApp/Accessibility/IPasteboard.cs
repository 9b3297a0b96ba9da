namespace LineAgent.Agent.MessagesApp.Accessibility;

/// <summary>
/// The general pasteboard, as far as pasting files into Messages needs it: its change count (a number the system
/// bumps on every write by anyone), a copy of what is on it, a write of file URLs, and putting a copy back.
/// </summary>
public interface IPasteboard
{
    /// <summary>NSPasteboard.changeCount: changes whenever anyone (a human copying, another app) writes.</summary>
    long ChangeCount { get; }

    /// <summary>
    /// Every item with the data of each of its types, or null when it cannot be read without asking the user
    /// (macOS 15.4+ pasteboard privacy: programmatic reads of the general pasteboard raise an alert unless the user set
    /// "Always Allow" for this app), or when it is too big to hold — the caller then cannot restore it afterwards.
    /// </summary>
    PasteboardContents? TrySave();

    /// <summary>Replaces the contents with one file URL item per path (NSURL fileURLWithPath:); returns the new change count.</summary>
    long WriteFileUrls(IReadOnlyList<string> paths);

    /// <summary>Replaces the contents with <paramref name="saved"/> (an empty copy clears the pasteboard).</summary>
    void Restore(PasteboardContents saved);
}

/// <summary>A copy of the pasteboard: its items in order, each as (type, data) pairs in the order the item lists its types.</summary>
public sealed record PasteboardContents(IReadOnlyList<IReadOnlyList<(string Type, byte[] Data)>> Items)
{
    /// <summary>The same items, compared by value (tests; deciding whether a restore is needed).</summary>
    public bool SameAs(PasteboardContents other) =>
        Items.Count == other.Items.Count && Items.Zip(other.Items).All(p =>
            p.First.Count == p.Second.Count && p.First.Zip(p.Second).All(t => t.First.Type == t.Second.Type && t.First.Data.AsSpan().SequenceEqual(t.Second.Data)));
}
