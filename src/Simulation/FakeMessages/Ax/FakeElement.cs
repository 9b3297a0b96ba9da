namespace LineAgent.FakeMessages.Ax;

/// <summary>
/// One node of a rendered fake tree. <see cref="Path"/> is its place in the tree and its identity: a handle names a
/// path, so after a scroll the same handle names whatever row now sits there (as AX paths do on 26.6, blip), and a
/// path that no longer exists answers InvalidUIElement.
/// </summary>
public sealed class FakeElement(string path, string role)
{
    public string Path => path;
    public string Role { get; set; } = role;
    public string? Subrole { get; set; }
    public string? Identifier { get; set; }
    public string? Description { get; set; }
    public string? Title { get; set; }
    public string? Value { get; set; }
    public string? Placeholder { get; set; }
    public bool? Selected { get; set; }
    public bool? Focused { get; set; }
    public bool? Enabled { get; set; }
    public (double X, double Y, double W, double H)? Frame { get; set; }
    public List<FakeElement> Children { get; } = [];
    public List<FakeElement> SelectedChildren { get; } = [];

    /// <summary>Actions by full name (custom ones as "Name:…\nTarget:0x0\nSelector:(null)").</summary>
    public List<(string Name, Action Run)> Actions { get; } = [];

    /// <summary>Handles a write of AXValue; null = not settable.</summary>
    public Action<string>? OnSetValue { get; set; }

    /// <summary>Handles a write of AXFocused; null = not settable.</summary>
    public Action<bool>? OnSetFocused { get; set; }

    /// <summary>Called when AXSelected is read (the scroll-after-find fault hooks in here).</summary>
    public Action? OnSelectedRead { get; set; }

    /// <summary>Every read of this node's attributes fails (stale grant: AttributeUnsupported).</summary>
    public bool Unreadable { get; set; }

    public FakeElement Add(FakeElement child)
    {
        Children.Add(child);
        return child;
    }

    public FakeElement Action(string name, Action run)
    {
        Actions.Add((name, run));
        return this;
    }

    /// <summary>The serialised name of a UIAccessibilityCustomAction with a handler (no target, no selector).</summary>
    public static string Custom(string title) => $"Name:{title}\nTarget:0x0\nSelector:(null)";

    public IEnumerable<FakeElement> SelfAndDescendants()
    {
        yield return this;
        foreach (var child in Children)
            foreach (var e in child.SelfAndDescendants())
                yield return e;
    }
}
